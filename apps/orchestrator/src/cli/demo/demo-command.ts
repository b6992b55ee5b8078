// `tandem demo [workspace]`: runs this checkout's scripts/demo.mjs, which starts both servers and calls
// their tools as a client would. Its output and exit status are the demo's own.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Command } from '../cli-io.js';

export const DEMO_USAGE = `Usage: tandem demo [workspace]

Starts both servers over stdio on a workspace (default: a copy of examples/sample-repo), calls their
tools as a client would and prints what each step returned. Exit status: the demo's (0 when every step
passed, 1 when one failed), 2 for bad usage or a workspace that is not a directory.
`;

// dist/cli/demo/demo-command.js → <checkout>/scripts/demo.mjs
const DEMO_SCRIPT = fileURLToPath(new URL('../../../../../scripts/demo.mjs', import.meta.url));

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export const demoCommand: Command = async (argv, io) => {
  let positionals: string[];
  let help = false;
  try {
    const parsed = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
    positionals = parsed.positionals;
    help = parsed.values.help === true;
    if (positionals.length > 1) throw new Error('one workspace at most.');
  } catch (error) {
    io.err(`tandem demo: ${(error as Error).message}`);
    io.err(DEMO_USAGE.trimEnd());
    return 2;
  }
  if (help) {
    io.out(DEMO_USAGE.trimEnd());
    return 0;
  }
  if (!existsSync(DEMO_SCRIPT)) {
    io.err(`tandem demo: ${DEMO_SCRIPT} is missing: the demo runs from a Tandem checkout.`);
    return 1;
  }
  const workspaces = positionals.map((workspace) => path.resolve(io.cwd, workspace));
  for (const workspace of workspaces) {
    if (!isDirectory(workspace)) {
      io.err(`tandem demo: ${workspace} is not a directory.`);
      return 2;
    }
  }
  const args = [DEMO_SCRIPT, ...workspaces];
  const child = spawn(process.execPath, args, { stdio: 'inherit', cwd: io.cwd });
  // The child shares the terminal, so Ctrl-C reaches it directly; SIGTERM sent to us is passed on.
  const forward = () => child.kill('SIGTERM');
  io.signal.addEventListener('abort', forward, { once: true });
  return new Promise<number>((resolve) => {
    child.on('error', (error) => {
      io.err(`tandem demo: cannot start node: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      io.signal.removeEventListener('abort', forward);
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGKILL' ? 9 : 15));
    });
  });
};
