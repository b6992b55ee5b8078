// What one doctor check reports, and the helpers every check shares: a bound on its time and a
// version probe that never hangs.

export const CHECK_STATUSES = ['ok', 'warn', 'missing', 'error'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export interface CheckResult {
  /** Row name: node, just, git, tsc, ..., config, justfile, .mcp.json, coder, orchestrator. */
  name: string;
  status: CheckStatus;
  /** A required check that is missing or broken makes `tandem doctor` exit 1. */
  required: boolean;
  /** What was found: version, path, timings; or what went wrong. */
  detail: string;
  /** How to fix it; null when the check is ok. */
  fix: string | null;
  /** The server's last stderr lines, for a server that failed. */
  stderr_tail?: string[];
}

export function timeoutResult(name: string, required: boolean, ms: number): CheckResult {
  return {
    name,
    status: 'error',
    required,
    detail: `did not finish within ${Math.round(ms / 1000)} s`,
    fix: 'Run it again on a less loaded machine; if it persists, run the command by hand to see where it stops.',
  };
}

/** Runs a check with a time bound: a check that overruns is reported as an error, never awaited for ever. */
export async function bounded(
  name: string,
  required: boolean,
  ms: number,
  check: (signal: AbortSignal) => Promise<CheckResult>,
): Promise<CheckResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(timeoutResult(name, required, ms));
    }, ms);
  });
  try {
    return await Promise.race([
      check(controller.signal).catch(
        (error: unknown): CheckResult => ({
          name,
          status: 'error',
          required,
          detail: `the check failed: ${(error as Error).message}`,
          fix: 'Report this as a bug in tandem doctor, with the output of --json.',
        }),
      ),
      overrun,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface VersionProbe {
  ok: boolean;
  /** First non-empty line of the output (stdout, else stderr). */
  line: string;
}

/** `<binary> <args>` with a timeout; the first line it prints. Never throws. */
export async function probeVersion(
  binary: string,
  args: string[],
  options: { cwd?: string; timeoutMs: number; signal?: AbortSignal; firstLine?: boolean },
): Promise<VersionProbe> {
  // execa costs ~0.1 s to import: loaded by the checks that run commands, not at CLI start.
  const { execa } = await import('execa');
  const result = await execa(binary, args, {
    reject: false,
    timeout: options.timeoutMs,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.signal ? { cancelSignal: options.signal } : {}),
    stdin: 'ignore',
  });
  // The line that carries a version number, unless told otherwise: shellcheck prints a banner first.
  const first = (text: unknown) => {
    const lines = String(text ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    return (options.firstLine ? undefined : lines.find((line) => /\d+\.\d+/.test(line))) ?? lines[0];
  };
  if (result.timedOut) return { ok: false, line: `no answer within ${options.timeoutMs / 1000} s` };
  if (result.failed && result.exitCode === undefined)
    return { ok: false, line: first(result.shortMessage) ?? 'could not be run' };
  return {
    ok: result.exitCode === 0,
    line: first(result.stdout) ?? first(result.stderr) ?? `exit status ${result.exitCode}`,
  };
}
