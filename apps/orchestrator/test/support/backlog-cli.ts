// The real Backlog.md CLI (npm package backlog.md, a devDependency), run in a workspace the way a
// person runs it. Its binary comes from a platform package (backlog.md-linux-x64 …): on a platform
// whose package is not installed, `backlogCliProblem` says why the CLI cannot run.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The CLI's Node entry (it starts the platform binary). */
export const backlogCli = path.join(path.dirname(require.resolve('backlog.md/package.json')), 'cli.js');

/** Runs `backlog …` in `cwd` with `home` as HOME, so no settings of the user's leak in or out. */
export async function backlog(where: { cwd: string; home: string }, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [backlogCli, ...args], {
    cwd: where.cwd,
    env: { ...process.env, HOME: where.home, NO_COLOR: '1', CI: '1' },
    timeout: 60_000,
  });
  return stdout;
}

/** Why the CLI cannot run here, or null when it can. */
export async function backlogCliProblem(): Promise<string | null> {
  try {
    const cwd = process.cwd();
    const version = await backlog({ cwd, home: cwd }, '--version');
    return version.trim() === '1.52.0' ? null : `backlog --version said "${version.trim()}", not 1.52.0`;
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return `the backlog CLI cannot run on ${process.platform}-${process.arch}: ${(stderr || message).trim()}`;
  }
}
