// Per-file locks for refactors: two refactors touching the same file run one after the other, from
// the dry run to the end of validation. Within one orchestrator an async mutex per canonical path
// does it; a lock file per path under .tandem/locks/ does the same across orchestrator processes on
// one workspace. Locks are taken in sorted order, so two refactors cannot deadlock.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ToolError } from '@tandem/shared';

const LOCK_POLL_MS = 50;
const HALF_WRITTEN_GRACE_MS = 5000;
/** Stands for a holder whose lock file is still being written: alive, pid not known yet. */
const WRITING = -1;

/** Tails of the in-process queues, by canonical path. */
const queues = new Map<string, Promise<void>>();

export interface HeldLocks {
  files: ReadonlySet<string>;
  release(): Promise<void>;
}

export interface LockOptions {
  root: string;
  signal: AbortSignal;
  timeoutMs: number;
}

/** Locks every path (canonical, absolute); resolves once all are held. */
export async function lockFiles(paths: Iterable<string>, options: LockOptions): Promise<HeldLocks> {
  const sorted = [...new Set(paths)].sort();
  const deadline = Date.now() + options.timeoutMs;
  const releases: Array<() => Promise<void>> = [];
  const release = async () => {
    for (const undo of releases.reverse()) await undo();
    releases.length = 0;
  };
  try {
    for (const file of sorted) {
      releases.push(await lockInProcess(file, deadline, options.signal));
      releases.push(await lockAcrossProcesses(file, options.root, deadline, options.signal));
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { files: new Set(sorted), release };
}

async function lockInProcess(
  file: string,
  deadline: number,
  signal: AbortSignal,
): Promise<() => Promise<void>> {
  const previous = queues.get(file) ?? Promise.resolve();
  let free!: () => void;
  const mine = new Promise<void>((resolve) => {
    free = resolve;
  });
  const tail = previous.then(() => mine);
  queues.set(file, tail);
  const release = async () => {
    free();
    if (queues.get(file) === tail) queues.delete(file);
  };
  try {
    await waitFor(previous, file, deadline, signal);
  } catch (error) {
    // Whoever queued behind us still waits for `previous`, then passes through our slot at once.
    await release();
    throw error;
  }
  return release;
}

async function waitFor(
  held: Promise<void>,
  file: string,
  deadline: number,
  signal: AbortSignal,
): Promise<void> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), Math.max(0, deadline - Date.now()));
  try {
    await new Promise<void>((resolve, reject) => {
      const stop = () => reject(signal.aborted ? signal.reason : lockTimeout(file));
      if (signal.aborted || timeout.signal.aborted) return stop();
      signal.addEventListener('abort', stop, { once: true });
      timeout.signal.addEventListener('abort', stop, { once: true });
      held.then(resolve, resolve);
    });
  } finally {
    clearTimeout(timer);
  }
}

function lockTimeout(file: string): ToolError {
  return new ToolError(`Another refactor still holds ${file}; nothing was written.`, {
    hint: 'Try again when it has finished, or raise refactor.lock_timeout_s in .tandem/config.yaml.',
  });
}

function lockFilePath(root: string, file: string): string {
  const key = createHash('sha256').update(file).digest('hex').slice(0, 32);
  return path.join(root, '.tandem', 'locks', `refactor-${key}.lock`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function lockAcrossProcesses(
  file: string,
  root: string,
  deadline: number,
  signal: AbortSignal,
): Promise<() => Promise<void>> {
  const lockPath = lockFilePath(root, file);
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(
        JSON.stringify({ pid: process.pid, file, acquired_at: new Date().toISOString() }),
      );
      await handle.close();
      return () => unlink(lockPath).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // The in-process lock is already ours, so a lock file of this very process is a leftover. A
    // holder that died is taken over; two processes doing that at the same instant could both win,
    // a race left open since it needs a crashed orchestrator first.
    const holder = await readHolder(lockPath);
    if (holder === undefined || holder === process.pid || (holder !== WRITING && !isAlive(holder))) {
      await unlink(lockPath).catch(() => undefined);
      continue;
    }
    if (signal.aborted) throw signal.reason;
    if (Date.now() >= deadline) throw lockTimeout(file);
    await sleep(LOCK_POLL_MS, undefined, { signal }).catch(() => undefined);
  }
}

/**
 * The pid in a lock file. A file without a readable pid is a holder still writing it, unless it is
 * older than a write could take: then it is left over and undefined is returned.
 */
async function readHolder(lockPath: string): Promise<number | undefined> {
  try {
    const { pid } = JSON.parse(await readFile(lockPath, 'utf8')) as { pid?: unknown };
    if (typeof pid === 'number') return pid;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  }
  const age = await stat(lockPath).then(
    (info) => Date.now() - info.mtimeMs,
    () => Number.POSITIVE_INFINITY,
  );
  return age > HALF_WRITTEN_GRACE_MS ? undefined : WRITING;
}
