// The orchestrator's embedded store: one JSON document per record under <root>/.tandem/<collection>/,
// checked against a zod schema on every read and write. Why files rather than a database: SQLite for
// Node 20 means a native addon (better-sqlite3 downloads prebuilds from GitHub, unreachable here) or
// sql.js, which rewrites the whole database from memory and so loses a second process's writes. One
// document per record, replaced atomically (temp file, fsync, rename), survives restarts and
// concurrent orchestrators, and a corrupt record costs that record only: it is reported, and the rest
// of the store keeps serving.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '@tandem/shared';
import type { z } from 'zod';

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const SUFFIX = '.json';
/** put's temporary file, `<id>.json.<pid>.<8 hex>.tmp`; a writer killed before its rename leaves it. */
const TEMP_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}\.json\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Whether the process that wrote a temporary file is gone (so the file will never be renamed). */
function writerIsGone(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
/** A record larger than this is refused on write and reported on read. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

/** A record that cannot be used: unreadable, not JSON, or not of the collection's shape. */
export interface StoreProblem {
  id: string;
  /** Relative to the root. */
  file: string;
  message: string;
}

export class CorruptRecordError extends ToolError {
  constructor(readonly problem: StoreProblem) {
    super(`The stored record ${problem.file} cannot be used: ${problem.message}.`, {
      hint: `Fix or delete ${problem.file}; the rest of the store keeps working.`,
    });
    this.name = 'CorruptRecordError';
  }
}

export interface Listing<T> {
  records: Array<{ id: string; value: T }>;
  problems: StoreProblem[];
}

export class RecordStore<S extends z.ZodType> {
  readonly dir: string;
  /** Tails of the per-record update queues: updates of one record in this process run in turn. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly root: string,
    readonly collection: string,
    private readonly schema: S,
  ) {
    this.dir = path.join(root, '.tandem', collection);
  }

  /** Throws a clear error for an id that could name anything but a record of this collection. */
  static checkId(id: string, what = 'id'): string {
    if (!ID_PATTERN.test(id)) {
      throw new ToolError(`"${id}" is not a valid ${what}.`, {
        hint: 'Ids are lowercase letters, digits, "-" and "_", at most 64 characters, as returned by the tool.',
      });
    }
    return id;
  }

  private fileOf(id: string): string {
    return path.join(this.dir, `${RecordStore.checkId(id)}${SUFFIX}`);
  }

  private relative(file: string): string {
    return path.relative(this.root, file).split(path.sep).join('/');
  }

  /** The record, undefined when there is none; CorruptRecordError when it cannot be used. */
  async get(id: string): Promise<z.output<S> | undefined> {
    const file = this.fileOf(id);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new CorruptRecordError({ id, file: this.relative(file), message: (error as Error).message });
    }
    return this.parse(id, file, text);
  }

  private parse(id: string, file: string, text: string): z.output<S> {
    const problem = (message: string) => new CorruptRecordError({ id, file: this.relative(file), message });
    if (Buffer.byteLength(text) > MAX_RECORD_BYTES) throw problem(`larger than ${MAX_RECORD_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw problem(`not valid JSON (${(error as Error).message})`);
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw problem(`not a valid record (${issue?.path.join('.') || 'value'}: ${issue?.message})`);
    }
    return parsed.data;
  }

  /** Writes the whole record atomically: a reader sees the old document or the new one, never a mix. */
  async put(id: string, value: z.input<S>): Promise<void> {
    const file = this.fileOf(id);
    const checked = this.schema.parse(value);
    const text = `${JSON.stringify(checked, null, 2)}\n`;
    if (Buffer.byteLength(text) > MAX_RECORD_BYTES) {
      throw new ToolError(`The record ${id} would be larger than ${MAX_RECORD_BYTES} bytes.`, {
        hint: 'Store less in one record (shorter text, fewer entries).',
      });
    }
    await mkdir(this.dir, { recursive: true });
    const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Reads, changes and writes one record; updates of the same record in this process never interleave. */
  async update(
    id: string,
    change: (current: z.output<S> | undefined) => z.input<S> | Promise<z.input<S>>,
  ): Promise<z.output<S>> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const run = previous
      .catch(() => undefined)
      .then(async () => {
        const next = await change(await this.get(id));
        await this.put(id, next);
        return this.schema.parse(next) as z.output<S>;
      });
    this.queues.set(id, run);
    try {
      return await run;
    } finally {
      if (this.queues.get(id) === run) this.queues.delete(id);
    }
  }

  /** true when a record was deleted. */
  async delete(id: string): Promise<boolean> {
    try {
      await unlink(this.fileOf(id));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  /** Every usable record, and a problem for each one that is not; an absent collection is empty. */
  async list(): Promise<Listing<z.output<S>>> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { records: [], problems: [] };
      // The collection itself is unusable (a file in its place, no permission): one problem, no records.
      return {
        records: [],
        problems: [{ id: '*', file: this.relative(this.dir), message: (error as Error).message }],
      };
    }
    const listing: Listing<z.output<S>> = { records: [], problems: [] };
    // A write cut short by SIGKILL leaves its temporary file; listing is where it is cleared away.
    for (const name of names) {
      const pid = Number(TEMP_PATTERN.exec(name)?.[1]);
      if (pid && writerIsGone(pid)) await unlink(path.join(this.dir, name)).catch(() => undefined);
    }
    const ids = names
      .filter((name) => name.endsWith(SUFFIX))
      .map((name) => name.slice(0, -SUFFIX.length))
      .filter((id) => ID_PATTERN.test(id))
      .sort();
    const results = await Promise.allSettled(ids.map((id) => this.get(id)));
    results.forEach((result, index) => {
      const id = ids[index] as string;
      if (result.status === 'fulfilled') {
        if (result.value !== undefined) listing.records.push({ id, value: result.value });
      } else if (result.reason instanceof CorruptRecordError) {
        listing.problems.push(result.reason.problem);
      } else {
        listing.problems.push({
          id,
          file: this.relative(this.fileOf(id)),
          message: (result.reason as Error).message,
        });
      }
    });
    return listing;
  }
}

/** A new record id: a readable prefix, the date, and random hex (sortable by time within a prefix). */
export function newRecordId(prefix: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${prefix}-${stamp}-${randomBytes(3).toString('hex')}`;
}
