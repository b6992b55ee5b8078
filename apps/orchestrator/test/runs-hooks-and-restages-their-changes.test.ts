// Hooks run (never --no-verify). A pre-commit hook that reformats a staged file has its result
// committed; a failing hook fails the call with its output and leaves everything as it was.
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitOutput } from '@tandem/shared/schemas';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

// Strips trailing blanks from every staged text file, like a formatter would.
const REFORMAT_HOOK = `#!/bin/sh
git diff --cached --name-only --diff-filter=ACM -z | xargs -0 -r sed -i 's/[ \\t]*$//'
echo "reformatted staged files"
`;

const FAILING_HOOK = `#!/bin/sh
echo "lint: 2 problems in src/index.ts" >&2
exit 1
`;

const gitVersion = gitIn(process.cwd(), '--version').match(/(\d+)\.(\d+)/);
const hasHookRun =
  Number(gitVersion?.[1]) > 2 || (Number(gitVersion?.[1]) === 2 && Number(gitVersion?.[2]) >= 36);

describe('commit runs hooks', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;
  let mainSha: string;
  const hook = () => path.join(repo.dir, '.git', 'hooks', 'pre-commit');

  beforeAll(async () => {
    repo = await makeGitRepo();
    mainSha = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();
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
    const branches = gitIn(repo.dir, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean);
    for (const branch of branches) if (branch !== 'main') gitIn(repo.dir, 'branch', '-q', '-D', branch);
  });

  it.skipIf(!hasHookRun)('commits what a reformatting pre-commit hook made of the staged files', async () => {
    await writeFile(hook(), REFORMAT_HOOK);
    await chmod(hook(), 0o755);
    await writeFile(
      path.join(repo.dir, 'src', 'messy.ts'),
      'export const a = 1;   \nexport const b = 2;\t\n',
    );
    const reply = await callTool(orchestrator, 'commit', {
      message: 'style: messy file',
      files: ['src/messy.ts'],
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result.hooks.pre_commit_ran_first).toBe(true);
    expect(result.hooks.restaged).toEqual(['src/messy.ts']);
    expect(result.hooks.output_tail).toContain('reformatted staged files');
    const committed = gitIn(repo.dir, 'show', `${result.sha}:src/messy.ts`);
    expect(committed).toBe('export const a = 1;\nexport const b = 2;\n');
    expect(await readFile(path.join(repo.dir, 'src', 'messy.ts'), 'utf8')).toBe(committed);
    expect(gitIn(repo.dir, 'status', '--porcelain')).toBe('');
  });

  it('fails with the hook output tail and leaves index, branch and HEAD as they were', async () => {
    await writeFile(hook(), FAILING_HOOK);
    await chmod(hook(), 0o755);
    await writeFile(path.join(repo.dir, 'src', 'hooked.ts'), 'export const hooked = 1;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat: hooked',
      files: ['src/hooked.ts'],
    });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/pre-commit hook failed|git commit failed/);
    expect(reply.text).toContain('lint: 2 problems in src/index.ts');
    expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(mainSha);
    expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(gitIn(repo.dir, 'branch', '--list', 'ai/*')).toBe('');
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');
  });

  it('runs the commit-msg hook too: it sees the message and can refuse it', async () => {
    await writeFile(
      path.join(repo.dir, '.git', 'hooks', 'commit-msg'),
      '#!/bin/sh\ngrep -q "WIP" "$1" && { echo "no WIP commits" >&2; exit 1; }\nexit 0\n',
    );
    await chmod(path.join(repo.dir, '.git', 'hooks', 'commit-msg'), 0o755);
    await writeFile(hook(), '#!/bin/sh\nexit 0\n');
    await writeFile(path.join(repo.dir, 'src', 'wip.ts'), 'export const wip = 1;\n');
    const refused = await callTool(orchestrator, 'commit', {
      message: 'feat: WIP stuff',
      files: ['src/wip.ts'],
    });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('no WIP commits');
    const accepted = await callTool(orchestrator, 'commit', {
      message: 'feat: finished stuff',
      files: ['src/wip.ts'],
    });
    expect(accepted.isError, accepted.text).toBe(false);
  });
});

describe('a hook that hangs', () => {
  it('is killed after git.hook_timeout_s and the call fails with everything as it was', async () => {
    const repo = await makeGitRepo({ config: 'git:\n  hook_timeout_s: 1\n' });
    const orchestrator = await connectOrchestrator(repo.dir);
    try {
      const head = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();
      const hookFile = path.join(repo.dir, '.git', 'hooks', 'pre-commit');
      // The sleeping grandchild writes a mark if it outlives the kill.
      await writeFile(hookFile, `#!/bin/sh\n(sleep 3; touch "${repo.dir}/survived") &\nsleep 30\n`);
      await chmod(hookFile, 0o755);
      await writeFile(path.join(repo.dir, 'src', 'slow.ts'), 'export const slow = 1;\n');
      const reply = await callTool(orchestrator, 'commit', { message: 'feat: slow', files: ['src/slow.ts'] });
      expect(reply.isError).toBe(true);
      expect(reply.text).toMatch(/did not finish within 1 s and was stopped/);
      expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(head);
      expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
      expect(gitIn(repo.dir, 'branch', '--list', 'ai/*')).toBe('');
      expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');
      await new Promise((resolve) => setTimeout(resolve, 3500));
      expect(existsSync(path.join(repo.dir, 'survived'))).toBe(false);
    } finally {
      await orchestrator.close();
      await repo.remove();
    }
  }, 60_000);
});
