// Temp git repositories for the git tools' tests: a copy of examples/sample-repo, `git init`ed on
// main with one commit. The author identity is set in the repository's own config (the orchestrator
// runs with the SDK's default environment) and in the environment of the test's own git calls.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sampleRepo } from './paths.js';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Tandem Test',
  GIT_AUTHOR_EMAIL: 'test@tandem.invalid',
  GIT_COMMITTER_NAME: 'Tandem Test',
  GIT_COMMITTER_EMAIL: 'test@tandem.invalid',
};

/** Runs git in `repo` with an argument array; returns stdout. */
export function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd: repo,
    env: { ...process.env, ...IDENTITY, GIT_TERMINAL_PROMPT: '0' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface TempRepo {
  dir: string;
  remove: () => Promise<void>;
}

/**
 * The local user is a maintainer (commit needs the commit permission); `config` adds YAML to
 * .tandem/config.yaml, which the sample repository's .gitignore keeps out of commits.
 */
export async function makeGitRepo(options: { commit?: boolean; config?: string } = {}): Promise<TempRepo> {
  const parent = await realpath(await mkdtemp(path.join(os.tmpdir(), 'tandem-git-')));
  const dir = path.join(parent, 'repo');
  await cp(sampleRepo, dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}.tandem`) });
  await mkdir(path.join(dir, '.tandem'), { recursive: true });
  await writeFile(
    path.join(dir, '.tandem', 'config.yaml'),
    `identity:\n  role: maintainer\n${options.config ?? ''}`,
  );
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'config', 'user.name', IDENTITY.GIT_AUTHOR_NAME);
  gitIn(dir, 'config', 'user.email', IDENTITY.GIT_AUTHOR_EMAIL);
  gitIn(dir, 'config', 'commit.gpgsign', 'false');
  if (options.commit !== false) {
    gitIn(dir, 'add', '-A');
    gitIn(dir, 'commit', '-q', '-m', 'chore: initial');
  }
  return { dir, remove: () => rm(parent, { recursive: true, force: true, maxRetries: 5 }) };
}

/** An AWS access key id's shape, made at run time so that no such string is committed here. */
export function fakeAwsKeyId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return (
    ['AK', 'IA'].join('') + Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('')
  );
}
