// Messages, branch names and paths reach git as plain data: shell metacharacters stay characters,
// option-looking values are never options, and pathspec globs and magic match nothing but themselves.
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commitOutput } from '@tandem/shared/schemas';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

describe('commit arguments are never interpreted', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;
  let mainSha: string;
  const pwned = () => ['pwned', 'pwned2', 'pwned3'].filter((name) => existsSync(path.join(repo.dir, name)));

  beforeAll(async () => {
    repo = await makeGitRepo();
    mainSha = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();
    // The hook leaves a mark, so a message or branch that smuggled in --no-verify would show.
    await writeFile(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho hook-ran\n');
    await chmod(path.join(repo.dir, '.git', 'hooks', 'pre-commit'), 0o755);
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

  afterEach(() => {
    expect(pwned()).toEqual([]);
  });

  it('stores a message full of shell syntax and option-looking lines verbatim, hooks still run', async () => {
    await writeFile(path.join(repo.dir, 'src', 'm.ts'), 'export const m = 1;\n');
    const message = [
      'fix: $(touch pwned) `touch pwned2` ; touch pwned3 | cat && echo $HOME',
      '',
      '--no-verify',
      '-n',
      '--exec=touch pwned',
      '\'"\\ * ? [a] ~ > out < in',
    ].join('\n');
    const reply = await callTool(orchestrator, 'commit', { message, files: ['src/m.ts'] });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(gitIn(repo.dir, 'log', '-1', '--format=%B', result.sha)).toBe(`${message}\n\n`);
    expect(result.hooks.output_tail).toContain('hook-ran');
  });

  it('refuses option-looking branch names and keeps metacharacters in valid ones literal', async () => {
    await writeFile(path.join(repo.dir, 'src', 'b.ts'), 'export const b = 1;\n');
    for (const branch of ['--exec=touch pwned', '-n', '--orphan', '-c', '--force']) {
      const reply = await callTool(orchestrator, 'commit', {
        message: 'feat: b',
        files: ['src/b.ts'],
        branch,
      });
      expect(reply.isError, branch).toBe(true);
      expect(reply.text).toMatch(/not a valid branch name/);
    }
    const literal = 'feature/$(touch_pwned)`x`;y|z&w';
    const reply = await callTool(orchestrator, 'commit', {
      message: 'feat: b',
      files: ['src/b.ts'],
      branch: literal,
    });
    expect(reply.isError, reply.text).toBe(false);
    expect(commitOutput.parse(reply.structured).branch).toBe(literal);
    expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe(literal);
  });

  it('commits a file named --foo as a file, and one named -n', async () => {
    await writeFile(path.join(repo.dir, '--foo'), 'option-looking name\n');
    await writeFile(path.join(repo.dir, '-n'), 'another\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'chore: odd names',
      files: ['--foo', '-n'],
    });
    expect(reply.isError, reply.text).toBe(false);
    const result = commitOutput.parse(reply.structured);
    expect(result.files.map((file) => file.path).sort()).toEqual(['--foo', '-n']);
    expect(gitIn(repo.dir, 'show', `${result.sha}:--foo`)).toBe('option-looking name\n');
  });

  it('takes globs, pathspec magic and shell syntax in files as literal names that do not exist', async () => {
    await writeFile(path.join(repo.dir, 'src', 'g.ts'), 'export const g = 1;\n');
    for (const file of ['*.ts', 'src/*', ':(glob)**', ':/', '$(touch pwned)', 'src/g.ts; touch pwned']) {
      const reply = await callTool(orchestrator, 'commit', { message: 'feat: g', files: [file] });
      expect(reply.isError, file).toBe(true);
      expect(reply.text, file).toMatch(/git add failed|did not match/);
    }
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');
  });

  it('refuses paths that leave the root', async () => {
    for (const file of ['../outside.txt', '/etc/passwd']) {
      const reply = await callTool(orchestrator, 'commit', { message: 'feat: out', files: [file] });
      expect(reply.isError, file).toBe(true);
      expect(reply.text).toMatch(/outside the workspace root/);
    }
  });
});
