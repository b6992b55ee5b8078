// Backlog.md's lookup: a root backlog.config.yml naming the folder, then backlog/, then .backlog/;
// no backlog at all is a clear error that says how to make one.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectOrchestrator } from './support/orchestrator.js';
import { readBacklog, readBacklogError } from './support/read-backlog.js';

const TASK = '---\nid: TASK-1\ntitle: Only task\nstatus: To Do\n---\n';

describe('where read_backlog looks for the backlog', () => {
  const temps: string[] = [];

  async function workspace(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'tandem-backlog-where-'));
    temps.push(dir);
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    return dir;
  }

  async function withOrchestrator<T>(
    root: string,
    use: (o: Awaited<ReturnType<typeof connectOrchestrator>>) => Promise<T>,
  ) {
    const orchestrator = await connectOrchestrator(root);
    try {
      return await use(orchestrator);
    } finally {
      await orchestrator.close();
    }
  }

  afterEach(async () => {
    await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })));
  });

  it('follows backlog_directory in a root backlog.config.yml', async () => {
    const root = await workspace({
      'backlog.config.yml': 'project_name: "custom"\ntask_prefix: "issue"\nbacklog_directory: "planning"\n',
      'planning/tasks/issue-1 - Only-task.md': TASK.replace('TASK-1', 'ISSUE-1'),
      'backlog/tasks/task-9 - Ignored.md': TASK.replace('TASK-1', 'TASK-9'),
    });
    await withOrchestrator(root, async (orchestrator) => {
      const result = await readBacklog(orchestrator);
      expect(result.path).toBe('planning');
      expect(result.project).toBe('custom');
      expect(result.tasks.map((task) => task.id)).toEqual(['ISSUE-1']);
      expect((await readBacklog(orchestrator, { id: '1' })).task?.id).toBe('ISSUE-1');
    });
  });

  it('reads .backlog/ when there is no backlog/', async () => {
    const root = await workspace({ '.backlog/tasks/task-1 - Only-task.md': TASK });
    await withOrchestrator(root, async (orchestrator) => {
      const result = await readBacklog(orchestrator);
      expect(result.path).toBe('.backlog');
      expect(result.statuses).toEqual(['To Do', 'In Progress', 'Done']);
      expect(result.tasks.map((task) => task.id)).toEqual(['TASK-1']);
    });
  });

  it('refuses a backlog_directory outside the root', async () => {
    const root = await workspace({ 'backlog.config.yml': 'backlog_directory: "../elsewhere"\n' });
    await withOrchestrator(root, async (orchestrator) => {
      expect(await readBacklogError(orchestrator)).toMatch(/backlog_directory.*outside the workspace root/);
    });
  });

  it('says how to create a backlog when there is none', async () => {
    const root = await workspace({ 'README.md': '# nothing planned\n' });
    await withOrchestrator(root, async (orchestrator) => {
      const text = await readBacklogError(orchestrator);
      expect(text).toMatch(
        /^No backlog in .*looked for backlog\.config\.yml, backlog\/, \.backlog\/ and a Backlog\.md checklist/,
      );
      expect(text).toMatch(/backlog init/);
    });
  });
});
