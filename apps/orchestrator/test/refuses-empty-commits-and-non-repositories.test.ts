// An empty commit, a root that is not a git repository, and a missing git are clear errors.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepo } from '../src/git/run-git.js';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

describe('commit with nothing to commit', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    repo = await makeGitRepo();
    orchestrator = await connectOrchestrator(repo.dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await repo?.remove();
  });

  it('refuses an empty commit and says what to do', async () => {
    const reply = await callTool(orchestrator, 'commit', { message: 'feat: nothing' });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/Nothing is staged: an empty commit was refused/);
    expect(reply.text).toMatch(/files/);
    expect(gitIn(repo.dir, 'branch', '--list', 'ai/*')).toBe('');
  });

  it('refuses files without changes as an empty commit', async () => {
    const reply = await callTool(orchestrator, 'commit', { message: 'feat: nothing', files: ['README.md'] });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/empty commit/);
  });

  it('refuses to commit other staged changes than the files named', async () => {
    await writeFile(path.join(repo.dir, 'src', 'one.ts'), 'export const one = 1;\n');
    await writeFile(path.join(repo.dir, 'src', 'two.ts'), 'export const two = 2;\n');
    gitIn(repo.dir, 'add', 'src/two.ts');
    const reply = await callTool(orchestrator, 'commit', { message: 'feat: one', files: ['src/one.ts'] });
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain('Other changes are staged besides files: src/two.ts');
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only').trim()).toBe('src/two.ts');
  });
});

describe('a root that is not a git repository', () => {
  let dir: string;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-nogit-'));
    await writeFile(path.join(dir, 'file.txt'), 'x\n');
    await mkdir(path.join(dir, '.tandem'));
    await writeFile(path.join(dir, '.tandem', 'config.yaml'), 'identity:\n  role: maintainer\n');
    orchestrator = await connectOrchestrator(dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('fails review_changes and commit, suggesting git init', async () => {
    for (const [tool, args] of [
      ['review_changes', {}],
      ['commit', { message: 'feat: x', files: ['file.txt'] }],
    ] as const) {
      const reply = await callTool(orchestrator, tool, args);
      expect(reply.isError, tool).toBe(true);
      expect(reply.text).toMatch(/is not inside a git repository/);
      expect(reply.text).toContain('git init');
    }
  });
});

describe('a machine without git', () => {
  it('says how to get git', async () => {
    const saved = process.env.PATH;
    process.env.PATH = path.join(os.tmpdir(), 'no-git-here');
    try {
      await expect(openRepo(os.tmpdir(), new AbortController().signal)).rejects.toMatchObject({
        message: expect.stringMatching(/git is not installed or not on the PATH/),
        hint: expect.stringMatching(/apt-get install git/),
      });
    } finally {
      process.env.PATH = saved;
    }
  });
});
