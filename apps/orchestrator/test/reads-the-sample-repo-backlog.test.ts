// The sample repository's backlog (Backlog.md format, checked in): listing, filters, paging, one task.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { sampleRepo } from './support/paths.js';
import { readBacklog, readBacklogError } from './support/read-backlog.js';

describe('read_backlog on the sample repo', () => {
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    orchestrator = await connectOrchestrator(sampleRepo);
  });

  afterAll(async () => {
    await orchestrator?.close();
  });

  it('is listed as a read-only tool', async () => {
    const { tools } = await orchestrator.client.listTools();
    const tool = tools.find((candidate) => candidate.name === 'read_backlog');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
  });

  it('lists the four tasks in id order with their status counts', async () => {
    const result = await readBacklog(orchestrator);
    expect(result.project).toBe('ledger-sample');
    expect(result.tasks.map((task) => `${task.id} ${task.status}`)).toEqual([
      'task-1 Done',
      'task-2 In Progress',
      'task-3 To Do',
      'task-4 To Do',
    ]);
    expect(result.counts).toEqual({ Done: 1, 'In Progress': 1, 'To Do': 2 });
    expect(result.tasks[2]).toMatchObject({ labels: ['report', 'ledger'], dependencies: ['task-2'] });
    expect(result.task).toBeNull();
    expect(result.next_cursor).toBeUndefined();
    expect(result.text.split('\n')[0]).toBe(
      'backlog (Backlog.md, ledger-sample): 4 tasks — To Do 2, In Progress 1, Done 1',
    );
  });

  it('shows one task with its description and numbered acceptance criteria', async () => {
    const { task } = await readBacklog(orchestrator, { id: 'TASK-2' });
    expect(task?.title).toBe('Monthly report by category');
    expect(task?.description).toMatch(/^`scripts\/report\.py` prints income/);
    expect(task?.description).not.toContain('SECTION:DESCRIPTION');
    expect(task?.acceptance_criteria).toEqual([
      { index: 1, text: 'Expenses are grouped per expense account and sorted by name', checked: true },
      {
        index: 2,
        text: 'Transfers between own accounts (e.g. card repayments) are not counted as expenses',
        checked: true,
      },
      { index: 3, text: 'The report prints a "total expenses" line above the net result', checked: false },
      { index: 4, text: '`just agent-validate` passes', checked: false },
    ]);
    expect(task?.acceptance).toEqual({ checked: 2, total: 4 });
    expect(task?.created_date).toBe('2026-10-02 09:21');
    expect(task?.path).toBe('backlog/tasks/task-2 - Monthly-report-by-category.md');
  });

  it('pages with a cursor bound to the same filters', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = await readBacklog(orchestrator, { limit: 3, ...(cursor ? { cursor } : {}) });
      expect(result.matched).toBe(4);
      seen.push(...result.tasks.map((task) => task.id));
      cursor = result.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['task-1', 'task-2', 'task-3', 'task-4']);
    const first = await readBacklog(orchestrator, { limit: 1 });
    expect(await readBacklogError(orchestrator, { label: 'ops', cursor: first.next_cursor })).toMatch(
      /cursor belongs to a different listing/,
    );
    expect(await readBacklogError(orchestrator, { cursor: 'forged' })).toMatch(/not one this server issued/);
  });

  it('ranks title matches above label and description matches, and leaves out tasks without any', async () => {
    const result = await readBacklog(orchestrator, { query: 'CSV' });
    expect(result.tasks.map((task) => [task.id, task.score])).toEqual([['task-3', 4]]);
    const report = await readBacklog(orchestrator, { query: 'report' });
    // task-2: title + label + description; task-3: label + description; task-4: "reports" in a criterion
    expect(report.tasks.map((task) => [task.id, task.score])).toEqual([
      ['task-2', 6],
      ['task-3', 3],
      ['task-4', 1],
    ]);
  });

  it('combines filters', async () => {
    const result = await readBacklog(orchestrator, { status: 'TO DO', label: 'report' });
    expect(result.tasks.map((task) => task.id)).toEqual(['task-3']);
    expect(result.counts).toEqual({ Done: 1, 'In Progress': 1, 'To Do': 2 });
  });

  it('refuses an unknown status with the known ones, and id with filters', async () => {
    expect(await readBacklogError(orchestrator, { status: 'Doing' })).toMatch(
      /No status "Doing".*To Do, In Progress, Done/s,
    );
    expect(await readBacklogError(orchestrator, { id: '1', status: 'Done' })).toMatch(/cannot be combined/);
    expect(await readBacklogError(orchestrator, { query: '--- ...' })).toMatch(/no words/);
  });
});
