// Audit stage: one JSON line per call, appended to <root>/.tandem/audit/audit.jsonl and rotated by
// size (audit.jsonl → audit.1.jsonl → … → audit.<max_files-1>.jsonl, the oldest deleted). Records
// come from the redaction stage: argument values masked and bounded, the shape beside them.
//
// Several processes may write the same directory (the orchestrator, its coder child, a coder the
// client runs itself): each record is one append of one whole line, and rotation is done under a
// lock file, re-checking the size once the lock is held.
import { appendFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_AUDIT_FILE_BYTES, DEFAULT_AUDIT_FILES } from '../config/audit.js';
import type { Logger } from '../log/logger.js';
import { AUDIT_FILE, auditDirOf, ROTATED_FILE, rotatedAuditFile } from './audit-files.js';
import type { Identity } from './identity.js';
import { CallCancelledError, CallTimeoutError } from './limits.js';

/** `refused`: a policy stage (RBAC, budget, rate limit) turned the call away before the handler. */
export type CallOutcome = 'ok' | 'error' | 'refused' | 'timeout' | 'cancelled';
export const CALL_OUTCOMES: readonly CallOutcome[] = ['ok', 'error', 'refused', 'timeout', 'cancelled'];

export interface AuditRecord {
  /** When the call arrived (ISO 8601, UTC). */
  time: string;
  server: string;
  tool: string;
  request_id: string | number;
  identity: Identity;
  /** The role the call was judged under: the original caller's, for a delegated call. */
  role: string;
  args_shape: unknown;
  /** The arguments, secrets masked and long values clipped (see redact-call.ts). */
  args?: unknown;
  /** Why `args` is absent (too large even clipped). */
  args_omitted?: string;
  outcome: CallOutcome;
  /** Class of the error and its message, redacted. */
  error?: { type: string; message: string };
  duration_ms: number;
  request_bytes: number;
  /** Bytes of the result sent back (content and structured content, as JSON). */
  bytes_returned: number;
  /** Files the call wrote, relative to the root, when the tool reports them. */
  files_changed?: string[];
}

/**
 * The outcome a failed call is audited with. A stage's error may say it is a refusal by carrying
 * `outcome: 'refused'` (any error class), so policy stages need not import this module.
 */
export function outcomeOf(error: unknown): CallOutcome {
  if (error instanceof CallTimeoutError) return 'timeout';
  if (error instanceof CallCancelledError) return 'cancelled';
  if (typeof error === 'object' && error !== null && (error as { outcome?: unknown }).outcome === 'refused')
    return 'refused';
  return 'error';
}

const MAX_DEPTH = 4;
const MAX_KEYS = 40;

/** Types and sizes of a value, without its content: `{ path: "string(12)", limit: "number" }`. */
export function argumentShape(value: unknown, depth = 0): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH || value.length === 0) return `array(${value.length})`;
    return [argumentShape(value[0], depth + 1), `…${value.length} items`];
  }
  switch (typeof value) {
    case 'string':
      return `string(${value.length})`;
    case 'object': {
      if (depth >= MAX_DEPTH) return 'object';
      const entries = Object.entries(value as Record<string, unknown>);
      const shape: Record<string, unknown> = {};
      for (const [key, item] of entries.slice(0, MAX_KEYS))
        shape[key.slice(0, 64)] = argumentShape(item, depth + 1);
      if (entries.length > MAX_KEYS) shape['…'] = `${entries.length - MAX_KEYS} more keys`;
      return shape;
    }
    default:
      return typeof value;
  }
}

export interface AuditLogOptions {
  /** Size past which the current file is rotated (default 10 MiB). */
  maxFileBytes?: number;
  /** Files kept, the current one included (default 10). */
  maxFiles?: number;
}

/** A rotation lock older than this was left by a process that died while rotating. */
const STALE_LOCK_MS = 30_000;

export class AuditLog {
  /** <root>/.tandem/audit */
  readonly dir: string;
  /** The file being appended to. */
  readonly file: string;
  private readonly maxFileBytes: number;
  private readonly maxFiles: number;
  private pending: Promise<void> = Promise.resolve();
  private opened = false;
  /** The file ended in a partial line (a crash mid-write): the next record starts a new line. */
  private startWithNewline = false;
  private warned = false;

  constructor(
    stateDir: string,
    private readonly logger: Logger,
    options: AuditLogOptions = {},
  ) {
    this.dir = auditDirOf(stateDir);
    this.file = path.join(this.dir, AUDIT_FILE);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_AUDIT_FILE_BYTES;
    this.maxFiles = options.maxFiles ?? DEFAULT_AUDIT_FILES;
  }

  /**
   * Queues a record, or the promise of one (the redaction stage is asynchronous). Records are written
   * one at a time in the order they were appended, so lines never interleave.
   */
  append(record: AuditRecord | Promise<AuditRecord>): void {
    this.pending = this.pending.then(async () => {
      let line: string;
      try {
        line = `${JSON.stringify(await record)}\n`;
      } catch (error) {
        this.warnOnce(`an audit record could not be made: ${(error as Error).message}`);
        return;
      }
      await this.write(line);
    });
  }

  /** Resolves once every queued record is on disk (or has failed and been reported). */
  flush(): Promise<void> {
    return this.pending;
  }

  private async write(line: string): Promise<void> {
    try {
      if (!this.opened) {
        await mkdir(this.dir, { recursive: true });
        this.startWithNewline = await endsInPartialLine(this.file);
        this.opened = true;
      }
      const text = this.startWithNewline ? `\n${line}` : line;
      const bytes = Buffer.byteLength(text, 'utf8');
      const size = await sizeOf(this.file);
      if (size > 0 && size + bytes > this.maxFileBytes) await this.rotate(bytes);
      await appendFile(this.file, text, 'utf8');
      this.startWithNewline = false;
    } catch (error) {
      // A read-only workspace must not fail the calls themselves; say so once.
      this.warnOnce(`cannot write the audit log ${this.file}: ${(error as Error).message}`);
    }
  }

  private async rotate(incomingBytes: number): Promise<void> {
    const lock = path.join(this.dir, '.rotate.lock');
    const handle = await acquire(lock);
    // Another process holds the lock and is rotating: append to whatever file is current.
    if (!handle) return;
    try {
      const size = await sizeOf(this.file);
      // Another process rotated between our size check and the lock.
      if (size === 0 || size + incomingBytes <= this.maxFileBytes) return;
      const rotated = (await readdir(this.dir))
        .map((name) => Number(ROTATED_FILE.exec(name)?.[1] ?? Number.NaN))
        .filter((index) => !Number.isNaN(index))
        .sort((a, b) => b - a);
      // Highest first, so each rename's target has already moved on. A file that would move to
      // max_files or past it is deleted (so are older ones, when max_files was lowered).
      for (const index of rotated) {
        if (index + 1 >= this.maxFiles) await rm(rotatedAuditFile(this.dir, index), { force: true });
        else await renameIfExists(rotatedAuditFile(this.dir, index), rotatedAuditFile(this.dir, index + 1));
      }
      if (this.maxFiles > 1) await renameIfExists(this.file, rotatedAuditFile(this.dir, 1));
      else await rm(this.file, { force: true });
    } finally {
      await handle.close();
      await rm(lock, { force: true });
    }
  }

  private warnOnce(message: string): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(message);
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function endsInPartialLine(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

async function renameIfExists(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Creates the lock file, or returns undefined when another live process holds it. */
async function acquire(lock: string): Promise<Awaited<ReturnType<typeof open>> | undefined> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      return await open(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age < STALE_LOCK_MS) return undefined;
      await rm(lock, { force: true });
    }
  }
  return undefined;
}
