// The staged diff goes through the real coder's scan_secrets; a finding refuses the commit, shows
// only masked values, and leaves the index and branch as they were.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { fakeAwsKeyId, gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

describe('commit with a secret in the staged diff', () => {
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

  it('is refused with the file, line and masked value, and nothing changes', async () => {
    const key = fakeAwsKeyId();
    const head = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();
    await writeFile(path.join(repo.dir, 'src', 'clean.ts'), 'export const clean = true;\n');
    gitIn(repo.dir, 'add', 'src/clean.ts');
    await writeFile(
      path.join(repo.dir, 'src', 'aws.ts'),
      `// settings\nexport const region = 'eu-west-1';\nexport const accessKeyId = '${key}';\n`,
    );
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat: aws settings',
      files: ['src/aws.ts', 'src/clean.ts'],
    });
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/Refused: the staged changes hold \d+ secret/);
    expect(reply.text).toContain('src/aws.ts:3:');
    expect(reply.text).toContain(`${key.slice(0, 4)}****`);
    expect(reply.text).not.toContain(key);
    expect(reply.text).toMatch(/index is as it was before the call/);
    expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(gitIn(repo.dir, 'branch', '--list', 'ai/*')).toBe('');
    // What was staged before the call still is; the file with the secret is not.
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only').trim()).toBe('src/clean.ts');
  });
});
