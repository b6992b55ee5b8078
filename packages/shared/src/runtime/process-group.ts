// A child started in its own process group (`detached: true`), watched so that the whole tree goes:
// on its deadline, on cancellation, and if the server exits while it runs. execa's own timeout and
// cancelSignal kill the direct child only, which leaves a launcher's or a recipe's children running.

/** Process groups still running; killed if the server exits while one is under way. */
const running = new Set<number>();
let exitHookInstalled = false;

/** SIGKILLs the whole process group led by `pid`; a group that is already gone is fine. */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export interface ProcessGroupGuard {
  /** True once the deadline passed and the group was killed. */
  readonly timedOut: boolean;
  /** Kills the group now (e.g. when the leader has exited but its children may not have). */
  kill(): void;
  /** Stops watching: clears the deadline and the abort listener. Call it in `finally`. */
  release(): void;
}

/** Kills the group led by `pid` after `timeoutMs`, on `signal`'s abort, or when this process exits. */
export function guardProcessGroup(
  pid: number | undefined,
  options: { timeoutMs: number; signal: AbortSignal },
): ProcessGroupGuard {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const group of running) killProcessGroup(group);
    });
  }
  let timedOut = false;
  const kill = () => {
    if (pid !== undefined) killProcessGroup(pid);
  };
  if (pid !== undefined) running.add(pid);
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, options.timeoutMs);
  options.signal.addEventListener('abort', kill, { once: true });
  return {
    get timedOut() {
      return timedOut;
    },
    kill,
    release() {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', kill);
      if (pid !== undefined) running.delete(pid);
    },
  };
}
