// Process helpers for the end-to-end tests: children of a pid, liveness, and polling with a deadline.
import { readdirSync, readFileSync } from 'node:fs';

/** Polls `probe` until it returns a value other than undefined, or throws once `timeoutMs` has passed. */
export async function pollUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 5000,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Pids whose parent is `parentPid`, read from /proc/<pid>/stat (field 4, after the command in parentheses). */
export function childrenOf(parentPid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === parentPid) children.push(Number(entry));
  }
  return children.sort((a, b) => a - b);
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/** Resolves once `pid` no longer exists (kill(pid, 0) fails with ESRCH). */
export function waitForGone(pid: number, timeoutMs = 5000): Promise<true> {
  return pollUntil(`pid ${pid} to disappear`, () => (isAlive(pid) ? undefined : true), timeoutMs);
}

/** Kills `pid` if it is still around; for cleanup after a failed test. */
export function killIfAlive(pid: number | null | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** The coder among the children of an orchestrator (just and git come and go beside it). */
export function coderChildOf(orchestratorPid: number): number | undefined {
  for (const pid of childrenOf(orchestratorPid)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('coder')) return pid;
    } catch {
      // exited while we looked
    }
  }
  return undefined;
}
