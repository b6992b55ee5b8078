// commit never commits on a protected branch: it creates ai/<slug>/<date> (or uses the branch given)
// and leaves main where it was.
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitOutput } from '@tandem/shared/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

const today = new Date().toISOString().slice(0, 10);

describe('commit is branch-first', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;
  let mainSha: string;

  beforeAll(async () => {
    repo = await makeGitRepo({ config: 'git:\n  protected_branches: [main, master, "release/*"]\n' });
    mainSha = gitIn(repo.dir, 'rev-parse', 'main').trim();
    orchestrator = await connectOrchestrator(repo.dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await repo?.remove();
  });

  beforeEach(() => {
    gitIn(repo.dir, 'switch', '-q', '-f', 'main');
    gitIn(repo.dir, 'reset', '-q', '--hard', mainSha);
    gitIn(repo.dir, 'clean', '-q', '-fd');
  });

  it('creates ai/<slug>/<date> on main, commits there, and leaves main unchanged', async () => {
    await writeFile(path.join(repo.dir, 'src', 'added.ts'), 'export const added = 1;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat(src): Add the "added" constant!\n\nBody text.',
      files: ['src/added.ts'],
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result.branch).toBe(`ai/add-the-added-constant/${today}`);
    expect(result.branch_created).toBe(true);
    expect(result.previous_branch).toBe('main');
    expect(result.files).toEqual([{ path: 'src/added.ts', status: 'added' }]);
    expect(gitIn(repo.dir, 'rev-parse', 'main').trim()).toBe(mainSha);
    expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(result.sha);
    expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(result.branch);
    expect(gitIn(repo.dir, 'log', '-1', '--format=%B', result.sha)).toBe(
      'feat(src): Add the "added" constant!\n\nBody text.\n\n',
    );
    expect(gitIn(repo.dir, 'rev-parse', `${result.sha}^`).trim()).toBe(mainSha);
  });

  it('makes the branch name unique when it exists', async () => {
    const name = `ai/same-subject/${today}`;
    gitIn(repo.dir, 'branch', name);
    await writeFile(path.join(repo.dir, 'src', 'again.ts'), 'export const again = 2;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'fix: same subject',
      files: ['src/again.ts'],
    });
    expect(reply.isError, reply.text).toBe(false);
    expect(commitOutput.parse(reply.structured).branch).toBe(`${name}-2`);
  });

  it('commits on the branch given, creating it from HEAD', async () => {
    await writeFile(path.join(repo.dir, 'src', 'given.ts'), 'export const given = 3;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat: given branch',
      files: ['src/given.ts'],
      branch: 'feature/given',
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result).toMatchObject({ branch: 'feature/given', branch_created: true });
    expect(gitIn(repo.dir, 'rev-parse', 'feature/given').trim()).toBe(result.sha);
    expect(gitIn(repo.dir, 'rev-parse', 'main').trim()).toBe(mainSha);
  });

  it('commits on the current branch when it is not protected', async () => {
    gitIn(repo.dir, 'switch', '-q', '-c', 'work');
    await writeFile(path.join(repo.dir, 'src', 'work.ts'), 'export const work = 4;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat: on work',
      files: ['src/work.ts'],
    });
    expect(reply.isError, reply.text).toBe(false);
    expect(commitOutput.parse(reply.structured)).toMatchObject({ branch: 'work', branch_created: false });
    gitIn(repo.dir, 'switch', '-q', 'main');
    gitIn(repo.dir, 'branch', '-q', '-D', 'work');
  });

  it('refuses a protected branch from the config, given or current', async () => {
    await writeFile(path.join(repo.dir, 'src', 'release.ts'), 'export const release = 5;\n');
    const given = await callTool(orchestrator, 'commit', {
      message: 'feat: release',
      files: ['src/release.ts'],
      branch: 'release/1.0',
    });
    expect(given.isError).toBe(true);
    expect(given.text).toMatch(/"release\/1\.0" is protected/);
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');

    gitIn(repo.dir, 'switch', '-q', '-c', 'release/2.0');
    const current = await callTool(orchestrator, 'commit', {
      message: 'feat: release',
      files: ['src/release.ts'],
    });
    expect(current.isError, current.text).toBe(false);
    const result = commitOutput.parse(current.structured);
    expect(result.branch).toBe(`ai/release/${today}`);
    expect(gitIn(repo.dir, 'rev-parse', 'release/2.0').trim()).toBe(mainSha);
    gitIn(repo.dir, 'switch', '-q', 'main');
    gitIn(repo.dir, 'branch', '-q', '-D', 'release/2.0');
  });

  it('creates a branch on a detached HEAD instead of committing there', async () => {
    gitIn(repo.dir, 'switch', '-q', '--detach', 'main');
    await writeFile(path.join(repo.dir, 'src', 'detached.ts'), 'export const detached = 6;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'chore: from detached',
      files: ['src/detached.ts'],
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result).toMatchObject({
      branch: `ai/from-detached/${today}`,
      branch_created: true,
      previous_branch: null,
    });
  });

  it('commits a deletion given in files, on an existing branch given', async () => {
    gitIn(repo.dir, 'branch', 'existing');
    const tracked = gitIn(repo.dir, 'ls-files', 'src').split('\n').filter(Boolean)[0] ?? '';
    await rm(path.join(repo.dir, tracked));
    const reply = await callTool(orchestrator, 'commit', {
      message: 'refactor: drop a file',
      files: [tracked],
      branch: 'existing',
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result).toMatchObject({ branch: 'existing', branch_created: false });
    expect(result.files).toEqual([{ path: tracked, status: 'deleted' }]);
    gitIn(repo.dir, 'switch', '-q', 'main');
    gitIn(repo.dir, 'branch', '-q', '-D', 'existing');
  });

  it('refuses an invalid branch name before touching anything', async () => {
    await writeFile(path.join(repo.dir, 'src', 'bad.ts'), 'export const bad = 7;\n');
    for (const branch of ['bad name', 'x..y', '@{-1}', 'HEAD', 'a~1']) {
      const reply = await callTool(orchestrator, 'commit', {
        message: 'feat: bad',
        files: ['src/bad.ts'],
        branch,
      });
      expect(reply.isError, branch).toBe(true);
      expect(reply.text).toMatch(/not a valid branch name/);
    }
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');
  });
});

describe('commit in a repository without commits', () => {
  it('moves the unborn main to ai/<slug>/<date> and makes the root commit there', async () => {
    const repo = await makeGitRepo({ commit: false });
    const orchestrator = await connectOrchestrator(repo.dir);
    try {
      const reply = await callTool(orchestrator, 'commit', {
        message: 'chore: first commit',
        files: ['README.md'],
      });
      expect(reply.isError, reply.text).toBe(false);
      const result = commitOutput.parse(reply.structured);
      expect(result).toMatchObject({
        branch: `ai/first-commit/${today}`,
        branch_created: true,
        previous_branch: 'main',
      });
      expect(gitIn(repo.dir, 'branch', '--list', 'main')).toBe('');
    } finally {
      await orchestrator.close();
      await repo.remove();
    }
  }, 60_000);
});
