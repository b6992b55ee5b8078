// Reads a whole backlog from disk: its config, every task file of every folder, and a problem for
// each file that cannot be read (the others are still served).
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveInRoot } from '@tandem/shared';
import { CHECKLIST_STATUSES, parseChecklist } from './checklist.js';
import { parseYaml } from './frontmatter.js';
import { type BacklogLocation, locateBacklog } from './locate.js';
import { type Backlog, type BacklogProblem, type BacklogTask, compareIds } from './model.js';
import { namePartsOf, parseTaskFile, type TaskFolder } from './task-file.js';

/** Backlog.md's folders, relative to the backlog folder. */
export const TASK_FOLDERS: ReadonlyArray<{ folder: TaskFolder; relative: string }> = [
  { folder: 'tasks', relative: 'tasks' },
  { folder: 'drafts', relative: 'drafts' },
  { folder: 'completed', relative: 'completed' },
  { folder: 'archive', relative: 'archive/tasks' },
];

const DEFAULT_STATUSES = ['To Do', 'In Progress', 'Done'];
/** A task file bigger than this is not a task someone wrote by hand or with the CLI. */
const MAX_FILE_BYTES = 1024 * 1024;

interface BacklogConfig {
  project: string | null;
  statuses: string[];
  taskPrefix: string;
}

async function readConfig(
  location: Extract<BacklogLocation, { kind: 'backlog.md' }>,
  problems: BacklogProblem[],
): Promise<BacklogConfig> {
  const config: BacklogConfig = { project: null, statuses: DEFAULT_STATUSES, taskPrefix: 'task' };
  if (location.configProblem !== null) {
    problems.push({ path: 'backlog.config.yml', message: location.configProblem, id: null });
  }
  if (location.config === null || location.configProblem !== null) return config;
  let data: unknown;
  try {
    data = parseYaml(await readFile(location.config.absolute, 'utf8'));
  } catch (error) {
    problems.push({
      path: location.config.relative,
      message: `${(error as Error).message}; default statuses used`,
      id: null,
    });
    return config;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return config;
  const fields = data as Record<string, unknown>;
  if (typeof fields.project_name === 'string') config.project = fields.project_name;
  if (Array.isArray(fields.statuses) && fields.statuses.length > 0)
    config.statuses = fields.statuses.map(String);
  if (typeof fields.task_prefix === 'string' && fields.task_prefix.trim()) {
    config.taskPrefix = fields.task_prefix.trim().toLowerCase();
  }
  return config;
}

async function listMarkdown(directory: string): Promise<Dirent[]> {
  try {
    const entries = await readdir(directory, { withFileTypes: true });
    return entries
      .filter(
        (entry) => entry.name.toLowerCase().endsWith('.md') && (entry.isFile() || entry.isSymbolicLink()),
      )
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readTaskFolder(
  root: string,
  folderRelative: string,
  folder: TaskFolder,
  tasks: BacklogTask[],
  problems: BacklogProblem[],
): Promise<void> {
  const directory = path.join(root, folderRelative);
  const entries = await listMarkdown(directory);
  await Promise.all(
    entries.map(async (entry) => {
      const relative = `${folderRelative}/${entry.name}`;
      const problem = (message: string) =>
        problems.push({ path: relative, message, id: namePartsOf(entry.name).id });
      try {
        // A symlinked task file is read only when it stays inside the root.
        const file = entry.isSymbolicLink()
          ? resolveInRoot(root, relative, 'task file')
          : { absolute: path.join(directory, entry.name) };
        const info = await stat(file.absolute);
        if (!info.isFile()) return;
        if (info.size > MAX_FILE_BYTES) {
          problem(`${info.size} bytes, over the ${MAX_FILE_BYTES}-byte limit for a task file`);
          return;
        }
        const source = await readFile(file.absolute, 'utf8');
        tasks.push(parseTaskFile(source, { relative, name: entry.name, folder }));
      } catch (error) {
        problem((error as Error).message);
      }
    }),
  );
}

function reportDuplicates(tasks: BacklogTask[], problems: BacklogProblem[]): void {
  const seen = new Map<string, BacklogTask>();
  for (const task of tasks) {
    const key = task.id.toLowerCase();
    const first = seen.get(key);
    if (first) {
      problems.push({
        path: task.path,
        message: `duplicate id ${task.id}, also in ${first.path} (\`backlog doctor\` repairs duplicate ids)`,
        id: task.id,
      });
    } else seen.set(key, task);
  }
}

export async function loadBacklog(root: string): Promise<Backlog> {
  const location = await locateBacklog(root);
  const problems: BacklogProblem[] = [];
  if (location.kind === 'checklist') {
    const source = await readFile(location.file.absolute, 'utf8');
    return {
      format: 'checklist',
      path: location.file.relative,
      project: null,
      statuses: CHECKLIST_STATUSES,
      taskPrefix: 'item',
      tasks: parseChecklist(source, location.file.relative),
      problems,
    };
  }
  const config = await readConfig(location, problems);
  const tasks: BacklogTask[] = [];
  for (const { folder, relative } of TASK_FOLDERS) {
    await readTaskFolder(root, `${location.folder.relative}/${relative}`, folder, tasks, problems);
  }
  const folderOrder = TASK_FOLDERS.map((entry) => entry.folder);
  tasks.sort(
    (a, b) =>
      folderOrder.indexOf(a.location as TaskFolder) - folderOrder.indexOf(b.location as TaskFolder) ||
      compareIds(a.id, b.id) ||
      a.path.localeCompare(b.path),
  );
  problems.sort((a, b) => a.path.localeCompare(b.path));
  reportDuplicates(tasks, problems);
  const children = new Map<string, string[]>();
  for (const task of tasks) {
    if (task.parent === null) continue;
    const key = task.parent.toLowerCase();
    children.set(key, [...(children.get(key) ?? []), task.id]);
  }
  for (const task of tasks) task.subtasks = children.get(task.id.toLowerCase()) ?? [];
  return {
    format: 'backlog.md',
    path: location.folder.relative,
    project: config.project,
    statuses: config.statuses,
    taskPrefix: config.taskPrefix,
    tasks,
    problems,
  };
}
