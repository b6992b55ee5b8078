// Task files written by the real Backlog.md CLI (npm package backlog.md) are read back as the CLI
// itself reads them: the CLI's own `task view --json` is the reference for every field.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backlog, backlogCliProblem } from './support/backlog-cli.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { readBacklog, readBacklogError } from './support/read-backlog.js';

const cliProblem = await backlogCliProblem();
/** Each CLI run starts a ~100 MB binary: slow on a loaded machine, so tests that run it get room. */
const CLI_TEST_TIMEOUT = 120_000;
if (cliProblem !== null) console.warn(`Skipping the Backlog.md CLI tests: ${cliProblem}`);

interface CliTask {
  id: string;
  title: string;
  status: string;
  priority: string | null;
  labels: string[];
  assignees: string[];
  dependencies: string[];
  parentTaskId: string | null;
  description: string | null;
  acceptanceCriteria: Array<{ index: number; text: string; checked: boolean }>;
  definitionOfDone: Array<{ index: number; text: string; checked: boolean }>;
  implementationPlan: string | null;
  implementationNotes: string | null;
  finalSummary: string | null;
  subtasks: Array<{ id: string }>;
  path: string;
}

describe.skipIf(cliProblem !== null)('read_backlog on a backlog the backlog CLI wrote', () => {
  let temp: string;
  let where: { cwd: string; home: string };
  let orchestrator: ConnectedOrchestrator;
  const cli = (...args: string[]) => backlog(where, ...args);
  const cliView = async (id: string): Promise<CliTask> =>
    (JSON.parse(await cli('task', 'view', id, '--json')) as { task: CliTask }).task;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'tandem-backlog-cli-'));
    where = { cwd: path.join(temp, 'work'), home: path.join(temp, 'home') };
    await mkdir(where.cwd);
    await mkdir(where.home);
    await cli('init', 'Tandem CLI test', '--defaults', '--integration-mode', 'none', '--no-git');
    await cli(
      'task',
      'create',
      'Add OAuth login',
      '-d',
      'Users sign in with GitHub.\n\nTokens are kept in the session only.',
      '-s',
      'In Progress',
      '-l',
      'auth,web',
      '--priority',
      'high',
      '-a',
      '@sara',
      '--ac',
      'Login succeeds',
      '--ac',
      'Logout clears the session',
    );
    await cli(
      'task',
      'create',
      'Fix session expiry',
      '-d',
      'Expired sessions must go back to the login page.',
      '-l',
      'auth',
      '--priority',
      'low',
      '--dep',
      'task-1',
      '--ac',
      'Expired sessions redirect',
    );
    await cli(
      'task',
      'create',
      'Import bank statements',
      '-d',
      'Read the CSV export of the bank.',
      '-l',
      'import',
    );
    await cli('task', 'create', 'Register the OAuth app', '-p', 'task-1');
    await cli('task', 'create', 'Maybe a dark theme', '--draft');
    await cli('task', 'create', 'Old spike');
    await cli(
      'task',
      'edit',
      '1',
      '--check-ac',
      '2',
      '--plan',
      '1. Register the app\n2. Handle the callback',
    );
    await cli('task', 'edit', '1', '--notes', 'The callback URL comes from the config.');
    await cli(
      'task',
      'edit',
      '2',
      '-s',
      'Done',
      '--check-ac',
      '1',
      '--final-summary',
      'Redirects on expiry.',
    );
    await cli('task', 'archive', 'task-4');
    await cli('task', 'complete', 'task-2');
    orchestrator = await connectOrchestrator(where.cwd);
  }, 300_000);

  afterAll(async () => {
    await orchestrator?.close();
    if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 5 });
  });

  it(
    'lists the active tasks the CLI lists, with the statuses of its config',
    async () => {
      const cliList = JSON.parse(await cli('task', 'list', '--json')) as { tasks: Array<{ id: string }> };
      const result = await readBacklog(orchestrator);
      expect(result.format).toBe('backlog.md');
      expect(result.path).toBe('backlog');
      expect(result.project).toBe('Tandem CLI test');
      expect(result.statuses).toEqual(['To Do', 'In Progress', 'Done']);
      expect(result.tasks.map((task) => task.id).sort()).toEqual(cliList.tasks.map((task) => task.id).sort());
      expect(result.tasks.map((task) => task.id)).toEqual(['TASK-1', 'TASK-1.1', 'TASK-3']);
      expect(result.counts).toEqual({ 'In Progress': 1, 'To Do': 2 });
      expect(result.other_folders).toEqual({ drafts: 1, completed: 1, archive: 1 });
      expect(result.problems).toEqual([]);
      const first = result.tasks[0];
      expect(first).toMatchObject({
        title: 'Add OAuth login',
        status: 'In Progress',
        priority: 'high',
        labels: ['auth', 'web'],
        assignee: ['@sara'],
        acceptance: { checked: 1, total: 2 },
        location: 'tasks',
      });
      expect(result.text).toContain('TASK-1 [In Progress] Add OAuth login');
    },
    CLI_TEST_TIMEOUT,
  );

  it(
    'shows each task with the fields, sections and criteria the CLI reads from it',
    async () => {
      for (const id of ['TASK-1', 'TASK-1.1', 'TASK-2', 'TASK-3']) {
        const reference = await cliView(id);
        const { task } = await readBacklog(orchestrator, { id });
        expect(task).not.toBeNull();
        expect(task).toMatchObject({
          id: reference.id,
          title: reference.title,
          status: reference.status,
          priority: reference.priority,
          labels: reference.labels,
          assignee: reference.assignees,
          dependencies: reference.dependencies,
          parent: reference.parentTaskId,
          description: reference.description || null,
          acceptance_criteria: reference.acceptanceCriteria,
          definition_of_done: reference.definitionOfDone,
          implementation_plan: reference.implementationPlan,
          implementation_notes: reference.implementationNotes,
          final_summary: reference.finalSummary,
          subtasks: reference.subtasks.map((subtask) => subtask.id),
          path: reference.path,
        });
      }
    },
    CLI_TEST_TIMEOUT,
  );

  it('reads the acceptance criterion the CLI checked as checked', async () => {
    const { task, text } = await readBacklog(orchestrator, { id: 'task-1' });
    expect(task?.acceptance_criteria).toEqual([
      { index: 1, text: 'Login succeeds', checked: false },
      { index: 2, text: 'Logout clears the session', checked: true },
    ]);
    expect(text).toContain('- [x] #2 Logout clears the session');
  });

  it('finds a task by its id in any case or by its number', async () => {
    for (const id of ['TASK-3', 'task-3', '3', ' 3 ']) {
      const { task } = await readBacklog(orchestrator, { id });
      expect(task?.id).toBe('TASK-3');
    }
    expect((await readBacklog(orchestrator, { id: '1.1' })).task?.parent).toBe('TASK-1');
  });

  it('finds completed, archived and draft tasks by id and lists them when asked', async () => {
    expect((await readBacklog(orchestrator, { id: '2' })).task).toMatchObject({
      status: 'Done',
      location: 'completed',
      final_summary: 'Redirects on expiry.',
    });
    expect((await readBacklog(orchestrator, { id: 'task-4' })).task?.location).toBe('archive');
    expect((await readBacklog(orchestrator, { id: 'draft-1' })).task).toMatchObject({
      status: 'Draft',
      location: 'drafts',
    });
    const all = await readBacklog(orchestrator, { include: ['drafts', 'completed', 'archive'] });
    expect(all.tasks.map((task) => task.id)).toEqual([
      'TASK-1',
      'TASK-1.1',
      'TASK-3',
      'DRAFT-1',
      'TASK-2',
      'TASK-4',
    ]);
    expect(all.other_folders).toEqual({});
  });

  it('filters by status and label without regard to case', async () => {
    const todo = await readBacklog(orchestrator, { status: 'to do' });
    expect(todo.tasks.map((task) => task.id)).toEqual(['TASK-1.1', 'TASK-3']);
    expect(todo.matched).toBe(2);
    const auth = await readBacklog(orchestrator, { label: 'AUTH', include: ['completed'] });
    expect(auth.tasks.map((task) => task.id)).toEqual(['TASK-1', 'TASK-2']);
  });

  it('ranks a query by where its words are found', async () => {
    const result = await readBacklog(orchestrator, { query: 'oauth session' });
    expect(result.tasks.map((task) => [task.id, task.score])).toEqual([
      // "oauth" in the title (3), "session" in the description (1)
      ['TASK-1', 4],
      // "oauth" in the title
      ['TASK-1.1', 3],
    ]);
  });

  it('says an unknown id is unknown and how to find ids', async () => {
    const text = await readBacklogError(orchestrator, { id: 'task-42' });
    expect(text).toMatch(/No task "task-42" in backlog/);
    expect(text).toMatch(/without id to list tasks/);
  });
});
