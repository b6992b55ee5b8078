// Reads the current audit file as it grows, across rotations: the open handle keeps reading the file
// it was opened on, so when the file is renamed to audit.1.jsonl its last lines are still read, and
// the new audit.jsonl is opened once it exists.
import { open, stat } from 'node:fs/promises';
import { type AuditReadStats, type AuditRecord, parseAuditLine } from '@tandem/shared';

type Handle = Awaited<ReturnType<typeof open>>;

const CHUNK = 64 * 1024;

export class AuditFollower {
  private handle: Handle | undefined;
  private inode = 0;
  private offset = 0;
  private partial = '';

  constructor(
    private readonly file: string,
    private readonly stats: AuditReadStats,
  ) {}

  /** Records appended since the last call (all of the file's records on the first). */
  async read(): Promise<AuditRecord[]> {
    const records: AuditRecord[] = [];
    if (!this.handle && !(await this.open())) return records;
    await this.drain(records);
    const current = await stat(this.file).catch(() => undefined);
    // Renamed and not yet replaced: the old file may still get a write that was under way.
    if (!current || current.ino === this.inode) return records;
    // Replaced: finish the old file, then start the new one from its beginning.
    await this.drain(records);
    // A line left unfinished in the old file will never be finished.
    if (this.partial.trim() !== '') this.stats.badLines += 1;
    await this.close();
    if (await this.open()) await this.drain(records);
    return records;
  }

  private async open(): Promise<boolean> {
    try {
      this.handle = await open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    this.inode = (await this.handle.stat()).ino;
    this.offset = 0;
    this.partial = '';
    return true;
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }

  private async drain(records: AuditRecord[]): Promise<void> {
    const handle = this.handle as Handle;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, this.offset);
      if (bytesRead === 0) break;
      this.offset += bytesRead;
      // A multi-byte character split across chunks is rejoined by keeping bytes as latin1 until a newline.
      this.partial += buffer.subarray(0, bytesRead).toString('latin1');
      const lines = this.partial.split('\n');
      this.partial = lines.pop() ?? '';
      for (const raw of lines) {
        const line = Buffer.from(raw, 'latin1').toString('utf8');
        if (line.trim() === '') continue;
        const record = parseAuditLine(line);
        if (record) records.push(record);
        else this.stats.badLines += 1;
      }
    }
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
