// Runs one linter process without a shell, under a deadline and the call's signal. Each process
// leads its own process group so a timeout or a cancellation kills the whole tree: Biome's and
// ESLint's launchers are Node scripts that start the real work in a child, which killing only the
// launcher would leave running. execa's own timeout and cancelSignal kill the direct child only.
import path from 'node:path';
import { guardProcessGroup } from '@tandem/shared';
import { LinterFailure } from './types.js';

export interface RunOptions {
  cwd: string;
  /** Variables added to the linter's environment. */
  env?: Record<string, string>;
}

export interface RunResult {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** The linter's deadline passed while this process ran; it has been killed. */
export class LinterTimeout extends Error {
  constructor(readonly command: string) {
    super(`timed out running ${command}`);
    this.name = 'LinterTimeout';
  }
}

const MAX_OUTPUT = 128 * 1024 * 1024;
/** The environment of linter processes: colours off, and Node on PATH for `#!/usr/bin/env node` launchers. */
function linterEnv(): NodeJS.ProcessEnv {
  const nodeDir = path.dirname(process.execPath);
  const current = process.env.PATH ?? '';
  const PATH = current.split(path.delimiter).includes(nodeDir)
    ? current
    : [current, nodeDir].filter(Boolean).join(path.delimiter);
  return { ...process.env, PATH, NO_COLOR: '1', FORCE_COLOR: '0' };
}

export function describeCommand(binary: string, args: readonly string[]): string {
  const shown = args.length > 8 ? [...args.slice(0, 8), `… (${args.length - 8} more)`] : args;
  return [path.basename(binary), ...shown].join(' ');
}

export async function runProcess(
  binary: string,
  args: readonly string[],
  options: RunOptions & { deadline: number; signal: AbortSignal },
): Promise<RunResult> {
  options.signal.throwIfAborted();
  const command = describeCommand(binary, args);
  const remaining = options.deadline - Date.now();
  if (remaining <= 0) throw new LinterTimeout(command);
  // execa costs ~0.1 s to import: loaded when a linter first runs, not at server start.
  const { execa } = await import('execa');
  const child = execa(binary, [...args], {
    cwd: options.cwd,
    env: { ...linterEnv(), ...options.env },
    extendEnv: false,
    shell: false,
    detached: true,
    reject: false,
    stdin: 'ignore',
    maxBuffer: MAX_OUTPUT,
    stripFinalNewline: false,
  });
  const group = guardProcessGroup(child.pid, { timeoutMs: remaining, signal: options.signal });
  try {
    const result = await child;
    if (options.signal.aborted) throw options.signal.reason;
    if (group.timedOut) throw new LinterTimeout(command);
    if (result.isMaxBuffer) {
      throw new LinterFailure(`${command} printed more than ${MAX_OUTPUT / 1024 / 1024} MB.`, '');
    }
    if (result.failed && result.exitCode === undefined && result.signal === undefined) {
      // Not started at all (ENOENT, EACCES, ...).
      throw new LinterFailure(
        `Could not start ${binary}: ${result.originalMessage ?? result.shortMessage ?? result.code}`,
      );
    }
    if (result.signal !== undefined) {
      throw new LinterFailure(`${command} was killed by ${result.signal}.`, String(result.stderr ?? ''));
    }
    return { exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr) };
  } finally {
    group.release();
  }
}
