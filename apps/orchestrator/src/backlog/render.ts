// The compact text a model reads: one line per task in a listing, the sections of one task.
import type { backlogTaskSummary } from '@tandem/shared/schemas';
import type { z } from 'zod';
import type { Backlog, BacklogProblem, BacklogTask } from './model.js';

type Summary = z.output<typeof backlogTaskSummary>;

export function summarize(task: BacklogTask, score?: number): Summary {
  return {
    id: task.id,
    title: task.title,
    status: task.status,
    priority: task.priority,
    labels: task.labels,
    assignee: task.assignee,
    dependencies: task.dependencies,
    parent: task.parent,
    section: task.section,
    acceptance: task.acceptance,
    location: task.location,
    path: task.path,
    line: task.line,
    ...(score === undefined ? {} : { score }),
  };
}

/** The task as the output schema has it (without the internal heading path). */
export function detail(task: BacklogTask): Omit<BacklogTask, 'headings'> {
  const { headings: _headings, ...rest } = task;
  return rest;
}

export function taskLine(task: Summary): string {
  const parts = [`${task.id} [${task.status || 'no status'}] ${task.title}`];
  if (task.section) parts.push(`§ ${task.section}`);
  if (task.labels.length > 0) parts.push(task.labels.join(', '));
  if (task.priority) parts.push(`priority ${task.priority}`);
  if (task.assignee.length > 0) parts.push(task.assignee.join(', '));
  if (task.acceptance.total > 0) parts.push(`AC ${task.acceptance.checked}/${task.acceptance.total}`);
  if (task.dependencies.length > 0) parts.push(`after ${task.dependencies.join(', ')}`);
  if (task.parent) parts.push(`sub of ${task.parent}`);
  if (task.location !== 'tasks' && task.location !== 'checklist') parts.push(task.location);
  if (task.score !== undefined) parts.push(`score ${task.score}`);
  return parts.join(' · ');
}

export function headerLine(backlog: Backlog, counts: Record<string, number>): string {
  const kind = backlog.format === 'checklist' ? 'checklist' : 'Backlog.md';
  const name = backlog.project ? `, ${backlog.project}` : '';
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const ordered = [
    ...backlog.statuses,
    ...Object.keys(counts).filter((status) => !backlog.statuses.includes(status)),
  ];
  const perStatus = ordered
    .filter((status) => counts[status] !== undefined)
    .map((status) => `${status || 'no status'} ${counts[status]}`);
  return `${backlog.path} (${kind}${name}): ${total} task${total === 1 ? '' : 's'}${perStatus.length > 0 ? ` — ${perStatus.join(', ')}` : ''}`;
}

export function problemLines(problems: readonly BacklogProblem[]): string[] {
  if (problems.length === 0) return [];
  return [
    `unreadable (${problems.length}):`,
    ...problems.map((problem) => `  ${problem.path}: ${problem.message}`),
  ];
}

function checklist(title: string, items: BacklogTask['acceptance_criteria']): string[] {
  if (items.length === 0) return [];
  const done = items.filter((item) => item.checked).length;
  return [
    `${title} (${done}/${items.length}):`,
    ...items.map((item) => `- [${item.checked ? 'x' : ' '}] #${item.index} ${item.text}`),
  ];
}

export function taskText(task: BacklogTask): string {
  const lines = [taskLine(summarize(task)), `file: ${task.path}${task.line ? `:${task.line}` : ''}`];
  if (task.subtasks.length > 0) lines.push(`subtasks: ${task.subtasks.join(', ')}`);
  const block = (title: string, text: string | null) => {
    if (text) lines.push('', `${title}:`, text);
  };
  block('Description', task.description);
  if (task.acceptance_criteria.length > 0)
    lines.push('', ...checklist('Acceptance criteria', task.acceptance_criteria));
  if (task.definition_of_done.length > 0)
    lines.push('', ...checklist('Definition of done', task.definition_of_done));
  block('Implementation plan', task.implementation_plan);
  block('Implementation notes', task.implementation_notes);
  block('Final summary', task.final_summary);
  for (const section of task.other_sections) block(section.title, section.text);
  return lines.join('\n');
}
