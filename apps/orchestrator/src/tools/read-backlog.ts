import { ToolError } from '@tandem/shared';
import { backlogInput, backlogOutput } from '@tandem/shared/schemas';
import type { Backlog } from '../backlog/model.js';
import { detail, headerLine, problemLines, summarize, taskLine, taskText } from '../backlog/render.js';
import { filtersKey, findTask, matchId, readCursor, selectTasks, writeCursor } from '../backlog/select.js';
import { defineOrchestratorTool } from './define.js';

export const readBacklog = defineOrchestratorTool({
  name: 'read_backlog',
  title: 'Read backlog',
  description:
    'Tasks of the Backlog.md project (backlog/tasks) or Backlog.md checklist: filter by status or label, search with query, or show one task with its acceptance criteria by id.',
  input: backlogInput,
  output: backlogOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { root }) {
    if (
      args.id !== undefined &&
      [args.status, args.label, args.query, args.cursor].some((value) => value !== undefined)
    ) {
      throw new ToolError('`id` shows one task and cannot be combined with status, label, query or cursor.', {
        hint: 'Call once with only `id`, or list with the filters and no `id`.',
      });
    }
    // Loaded on first use (it brings the YAML parser): the server answers initialize without it.
    const { loadBacklog } = await import('../backlog/load.js');
    const backlog = await loadBacklog(root);
    const filters = { status: args.status, label: args.label, query: args.query, include: args.include };
    const { counts, otherFolders, matches } =
      args.id === undefined ? selectTasks(backlog, filters) : selectTasks(backlog, { include: args.include });
    const base = {
      format: backlog.format,
      path: backlog.path,
      project: backlog.project,
      statuses: backlog.statuses,
      counts,
      other_folders: otherFolders,
      problems: backlog.problems,
    };

    if (args.id !== undefined) {
      const task = findTask(backlog, args.id);
      if (task === undefined) throw unknownId(args.id, backlog);
      return {
        structured: { ...base, matched: 1, tasks: [], task: detail(task) },
        text: [taskText(task), ...problemLines(backlog.problems)].join('\n'),
      };
    }

    const key = filtersKey(filters);
    const offset = readCursor(args.cursor, key);
    const page = matches.slice(offset, offset + args.limit);
    const next = offset + page.length < matches.length ? writeCursor(key, offset + page.length) : undefined;
    const tasks = page.map((match) => summarize(match.task, match.score));
    const others = Object.entries(otherFolders).map(([folder, count]) => `${folder} ${count}`);
    const filtered = [
      args.status && `status ${args.status}`,
      args.label && `label ${args.label}`,
      args.query && `query "${args.query}"`,
    ]
      .filter(Boolean)
      .join(', ');
    const text = [
      headerLine(backlog, counts) +
        (others.length > 0 ? ` (not listed: ${others.join(', ')}; see include)` : ''),
      ...(filtered ? [`${matches.length} match ${filtered}`] : []),
      ...tasks.map(taskLine),
      ...(next ? [`… ${matches.length - offset - page.length} more: pass cursor "${next}"`] : []),
      ...(offset > 0 && page.length === 0 ? [`The cursor is past the last of ${matches.length} tasks.`] : []),
      ...problemLines(backlog.problems),
    ].join('\n');
    return {
      structured: {
        ...base,
        matched: matches.length,
        tasks,
        ...(next ? { next_cursor: next } : {}),
        task: null,
      },
      text,
    };
  },
});

function unknownId(id: string, backlog: Backlog): ToolError {
  const unreadable = backlog.problems.filter((problem) => problem.id !== null);
  const broken =
    unreadable[
      matchId(
        unreadable.map((problem) => problem.id ?? ''),
        id,
        backlog.taskPrefix,
      )
    ];
  if (broken) {
    return new ToolError(`${broken.id}'s file ${broken.path} could not be read: ${broken.message}.`, {
      hint: 'Fix the file (its frontmatter must be valid YAML between `---` lines), then ask again.',
    });
  }
  const ids = backlog.tasks.map((task) => task.id);
  const range = ids.length === 0 ? 'it has no tasks' : `${ids.length} tasks, ${ids[0]} … ${ids.at(-1)}`;
  return new ToolError(`No task "${id}" in ${backlog.path} (${range}).`, {
    hint: 'Call read_backlog without id to list tasks (query searches them); ids look like "task-3", "TASK-3" or "3".',
  });
}
