// One broken task file is reported with its path and reason; every other task is still served.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { readBacklog, readBacklogError } from './support/read-backlog.js';

const FILES: Record<string, string> = {
  'backlog/config.yml': 'project_name: "broken"\nstatuses: ["Backlog", "Doing", "Done"]\n',
  'backlog/tasks/task-1 - Good.md':
    '---\nid: task-1\ntitle: Good\nstatus: Doing\nlabels: [core]\n---\n\n## Description\n\nFine.\n',
  'backlog/tasks/task-2 - Bad-yaml.md': '---\nid: task-2\ntitle: [unclosed\nstatus: Doing\n---\n\nBody\n',
  'backlog/tasks/task-3 - No-frontmatter.md': '# Just a heading\n\nNo frontmatter here.\n',
  // Backlog.md's own reader accepts a bare @mention; YAML alone would not.
  'backlog/tasks/task-5 - Mention.md':
    '---\nid: task-5\ntitle: Mention\nstatus: Backlog\nassignee: @sara\n---\n',
  // Written by hand in the older style: no marker comments, no #N, a code block in the description.
  'backlog/tasks/task-6 - Legacy.md': [
    '---',
    'id: task-6',
    'title: Legacy',
    'status: Backlog',
    '---',
    '',
    '## Description',
    '',
    'Run this:',
    '',
    '```md',
    '## Not a heading',
    '- [ ] not a criterion',
    '```',
    '',
    '## Acceptance Criteria',
    '',
    '- [ ] first',
    '- [x] second',
    '',
    '## Notes from the call',
    '',
    'Keep it simple.',
    '',
  ].join('\n'),
  'backlog/tasks/task-7 - Long.md': `---\nid: task-7\ntitle: Long\nstatus: Backlog\n---\n\n## Description\n\n${'x'.repeat(9000)}\n`,
};

describe('read_backlog with unreadable task files', () => {
  let temp: string;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(tmpdir(), 'tandem-broken-backlog-'));
    for (const [file, text] of Object.entries(FILES)) {
      await mkdir(path.dirname(path.join(temp, file)), { recursive: true });
      await writeFile(path.join(temp, file), text);
    }
    orchestrator = await connectOrchestrator(temp);
  });

  afterAll(async () => {
    await orchestrator?.close();
    if (temp) await rm(temp, { recursive: true, force: true, maxRetries: 5 });
  });

  it('reports the broken files and serves the others', async () => {
    const result = await readBacklog(orchestrator);
    expect(result.tasks.map((task) => task.id)).toEqual(['task-1', 'task-5', 'task-6', 'task-7']);
    expect(result.statuses).toEqual(['Backlog', 'Doing', 'Done']);
    expect(result.problems).toEqual([
      {
        path: 'backlog/tasks/task-2 - Bad-yaml.md',
        message: expect.stringMatching(/^frontmatter line 4: /),
        id: 'task-2',
      },
      {
        path: 'backlog/tasks/task-3 - No-frontmatter.md',
        message: expect.stringMatching(/no YAML frontmatter/),
        id: 'task-3',
      },
    ]);
    expect(result.text).toContain('unreadable (2):');
    expect(result.text).toContain('backlog/tasks/task-2 - Bad-yaml.md: frontmatter line 4');
  });

  it('says why a task whose file is broken cannot be shown', async () => {
    const text = await readBacklogError(orchestrator, { id: '2' });
    expect(text).toMatch(
      /task-2's file backlog\/tasks\/task-2 - Bad-yaml\.md could not be read: frontmatter line 4/,
    );
  });

  it('reads a bare @mention assignee as Backlog.md does', async () => {
    expect((await readBacklog(orchestrator, { id: 'task-5' })).task?.assignee).toEqual(['@sara']);
  });

  it('reads criteria without #N markers and ignores headings and checkboxes in code', async () => {
    const { task } = await readBacklog(orchestrator, { id: 'task-6' });
    expect(task?.description).toBe('Run this:\n\n```md\n## Not a heading\n- [ ] not a criterion\n```');
    expect(task?.acceptance_criteria).toEqual([
      { index: 1, text: 'first', checked: false },
      { index: 2, text: 'second', checked: true },
    ]);
    expect(task?.other_sections).toEqual([{ title: 'Notes from the call', text: 'Keep it simple.' }]);
  });

  it('cuts a long section and says so', async () => {
    const { task } = await readBacklog(orchestrator, { id: 'task-7' });
    expect(task?.truncated).toBe(true);
    expect(task?.description?.length).toBeLessThan(8100);
    expect(task?.description).toMatch(/… \[1000 more characters cut\]$/);
  });
});
