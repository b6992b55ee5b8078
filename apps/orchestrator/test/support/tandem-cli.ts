// Runs the BUILT `tandem` bin the way a person does, and makes the temp git repositories init works on.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const tandemBin = fileURLToPath(new URL('../../bin/tandem.js', import.meta.url));
export const orchestratorMain = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const coderMain = fileURLToPath(new URL('../../../coder/dist/main.js', import.meta.url));

const run = promisify(execFile);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tandem <args>`; `prefix` runs it under another command (setpriv, to drop root). */
export async function tandem(
  args: string[],
  options: { cwd?: string; prefix?: string[] } = {},
): Promise<CliRun> {
  const [command, ...rest] = [...(options.prefix ?? []), process.execPath, tandemBin, ...args];
  try {
    const { stdout, stderr } = await run(command as string, rest, {
      cwd: options.cwd ?? os.tmpdir(),
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failure.code !== 'number') throw error;
    return { code: failure.code, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** A fresh directory with `git init` run in it. */
export async function tempGitRepo(prefix = 'tandem-init-'): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  await run('git', ['init', '-q'], { cwd: dir });
  return dir;
}
