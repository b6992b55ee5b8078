// One Backlog.md task file: YAML frontmatter (id, title, status, assignee, labels, priority,
// dependencies, dates …) and the body's sections, acceptance criteria and Definition of Done.
import { parseYaml, quoteBareMentions, splitFrontmatter, YamlError } from './frontmatter.js';
import { parseBody, readCriteria } from './markdown.js';
import { type BacklogTask, capSection } from './model.js';

export type TaskFolder = 'tasks' | 'drafts' | 'completed' | 'archive';

/** Frontmatter keys with a field of their own; the rest go to `other_fields`. */
const KNOWN_KEYS = new Set([
  'id',
  'title',
  'status',
  'assignee',
  'labels',
  'dependencies',
  'priority',
  'parent_task_id',
  'created_date',
  'updated_date',
]);

const SECTION_FIELDS: Record<
  string,
  'description' | 'acceptance' | 'done' | 'implementation_plan' | 'implementation_notes' | 'final_summary'
> = {
  description: 'description',
  'acceptance criteria': 'acceptance',
  'acceptance criteria (optional)': 'acceptance',
  'definition of done': 'done',
  'implementation plan': 'implementation_plan',
  'implementation notes': 'implementation_notes',
  'final summary': 'final_summary',
};

export class TaskFileError extends Error {}

/** `task-12 - Some-title.md` → id `task-12`, title `Some title`. */
export function namePartsOf(fileName: string): { id: string | null; title: string | null } {
  const stem = fileName.replace(/\.md$/i, '');
  const match = /^([\p{L}]+-\d+(?:\.\d+)*)(?:\s+-\s+(.*))?$/u.exec(stem);
  if (!match?.[1]) return { id: null, title: null };
  return { id: match[1], title: match[2] ? match[2].replace(/-/g, ' ') : null };
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map(String);
  if (value === null || value === undefined || value === '') return [];
  return [String(value)];
}

function optionalString(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

export function parseTaskFile(
  source: string,
  file: { relative: string; name: string; folder: TaskFolder },
): BacklogTask {
  const split = splitFrontmatter(source);
  if (split.yaml === null) {
    throw new TaskFileError('no YAML frontmatter (the file must start with a `---` line)');
  }
  let data: unknown;
  try {
    data = parseYaml(quoteBareMentions(split.yaml));
  } catch (error) {
    if (error instanceof YamlError && error.line !== null) {
      const fileLine = error.line + split.yamlLineOffset;
      throw new TaskFileError(`frontmatter ${error.message.replace(/^line \d+/, `line ${fileLine}`)}`);
    }
    throw new TaskFileError(`frontmatter: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TaskFileError('the frontmatter is not a YAML mapping of fields');
  }
  const fields = data as Record<string, unknown>;
  const fromName = namePartsOf(file.name);
  const id = optionalString(fields.id) ?? fromName.id;
  if (id === null) throw new TaskFileError('no `id` in the frontmatter and none in the file name');

  const body = parseBody(split.body);
  let truncated = false;
  const capped = (text: string): string => {
    const result = capSection(text);
    truncated ||= result.truncated;
    return result.text;
  };
  const task: BacklogTask = {
    id,
    title: optionalString(fields.title) ?? fromName.title ?? id,
    status: optionalString(fields.status) ?? '',
    priority: optionalString(fields.priority),
    labels: stringList(fields.labels),
    assignee: stringList(fields.assignee),
    dependencies: stringList(fields.dependencies),
    parent: optionalString(fields.parent_task_id),
    section: null,
    acceptance: { checked: 0, total: 0 },
    location: file.folder,
    path: file.relative,
    line: null,
    created_date: optionalString(fields.created_date),
    updated_date: optionalString(fields.updated_date),
    description: null,
    acceptance_criteria: [],
    definition_of_done: [],
    implementation_plan: null,
    implementation_notes: null,
    final_summary: null,
    other_sections: [],
    other_fields: Object.fromEntries(Object.entries(fields).filter(([key]) => !KNOWN_KEYS.has(key))),
    subtasks: [],
    truncated: false,
    headings: [],
  };
  for (const section of body.sections) {
    const field = SECTION_FIELDS[section.title.toLowerCase()];
    if (field === 'acceptance') task.acceptance_criteria.push(...readCriteria(section.text));
    else if (field === 'done') task.definition_of_done.push(...readCriteria(section.text));
    else if (field !== undefined) task[field] = section.text === '' ? null : capped(section.text);
    else task.other_sections.push({ title: section.title, text: capped(section.text) });
  }
  // Tasks written before Backlog.md had a Description heading keep their description on top.
  if (task.description === null && body.preamble !== '') task.description = capped(body.preamble);
  task.acceptance = {
    checked: task.acceptance_criteria.filter((criterion) => criterion.checked).length,
    total: task.acceptance_criteria.length,
  };
  task.truncated = truncated;
  return task;
}
