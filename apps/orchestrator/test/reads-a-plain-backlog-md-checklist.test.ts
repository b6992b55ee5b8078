// A plain Backlog.md checklist at the root: top-level checkboxes are tasks, headings their sections,
// nested checkboxes their acceptance criteria.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { readBacklog, readBacklogError } from './support/read-backlog.js';

const CHECKLIST = `# Backlog

Things to do, roughly in order.

## Now
- [x] Set up CI
- [ ] Add OAuth login
  - [x] Register the app
  - [ ] Handle the callback
  Use the PKCE flow.

## Later
* [ ] Dark theme
- [X] Ship 1.0

\`\`\`md
- [ ] not an item, an example in a code block
\`\`\`

### Ideas
- [ ] Plugin system
- a plain bullet is not a task
`;

describe('read_backlog on a Backlog.md checklist', () => {
  let temp: string;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'tandem-checklist-'));
    await writeFile(path.join(temp, 'Backlog.md'), CHECKLIST);
    orchestrator = await connectOrchestrator(temp);
  });

  afterAll(async () => {
    await orchestrator?.close();
    if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 5 });
  });

  it('lists the top-level checkboxes as tasks under their headings', async () => {
    const result = await readBacklog(orchestrator);
    expect(result.format).toBe('checklist');
    expect(result.path).toBe('Backlog.md');
    expect(result.statuses).toEqual(['To Do', 'Done']);
    expect(result.tasks.map((task) => [task.id, task.title, task.status, task.section, task.line])).toEqual([
      ['item-1', 'Set up CI', 'Done', 'Now', 6],
      ['item-2', 'Add OAuth login', 'To Do', 'Now', 7],
      ['item-3', 'Dark theme', 'To Do', 'Later', 13],
      ['item-4', 'Ship 1.0', 'Done', 'Later', 14],
      ['item-5', 'Plugin system', 'To Do', 'Ideas', 21],
    ]);
    expect(result.counts).toEqual({ Done: 2, 'To Do': 3 });
    expect(result.tasks[1]?.acceptance).toEqual({ checked: 1, total: 2 });
  });

  it('shows an item with its nested checkboxes as acceptance criteria', async () => {
    const { task } = await readBacklog(orchestrator, { id: '2' });
    expect(task).toMatchObject({
      id: 'item-2',
      title: 'Add OAuth login',
      description: 'Use the PKCE flow.',
      acceptance_criteria: [
        { index: 1, text: 'Register the app', checked: true },
        { index: 2, text: 'Handle the callback', checked: false },
      ],
      location: 'checklist',
      path: 'Backlog.md',
    });
    expect((await readBacklog(orchestrator, { id: 'ITEM-5' })).task?.title).toBe('Plugin system');
  });

  it('filters by done and by heading, and searches the items', async () => {
    const done = await readBacklog(orchestrator, { status: 'done' });
    expect(done.tasks.map((task) => task.id)).toEqual(['item-1', 'item-4']);
    // A heading is matched like a label, and an item is under all of its headings.
    const later = await readBacklog(orchestrator, { label: 'later' });
    expect(later.tasks.map((task) => task.id)).toEqual(['item-3', 'item-4', 'item-5']);
    const oauth = await readBacklog(orchestrator, { query: 'callback oauth' });
    expect(oauth.tasks.map((task) => [task.id, task.score])).toEqual([['item-2', 4]]);
  });

  it('says an unknown item is unknown', async () => {
    expect(await readBacklogError(orchestrator, { id: 'item-9' })).toMatch(/No task "item-9" in Backlog\.md/);
  });
});
