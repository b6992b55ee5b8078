// The content digest of a file selection, which keys the context cache. Files are hashed once and
// then recognised by size and modification time — except files modified within the last few
// seconds of their hashing (a write in the same clock tick would keep both), which are hashed again.
// Contents are hashed as text, the way Repomix reads them, so a pack's own reads can be hashed.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '@tandem/shared';

const RACY_WINDOW_MS = 3000;
const PARALLEL = 64;

interface Stamp {
  size: number;
  mtimeMs: number;
  hash: string;
  hashedAt: number;
}

export interface Selection {
  files: Array<{ file: string; size: number; mtimeMs: number }>;
  totalBytes: number;
}

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += PARALLEL) {
    results.push(...(await Promise.all(items.slice(i, i + PARALLEL).map(work))));
  }
  return results;
}

/**
 * A file's text as Repomix reads it (UTF-8 without a byte-order mark), so that hashes of contents it
 * read and of contents read here agree. A file it decodes otherwise only misses the cache.
 */
async function readText(file: string): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text?.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class FileHasher {
  private readonly stamps = new Map<string, Stamp>();

  constructor(private readonly root: string) {}

  /** Sizes and modification times; refuses, before anything is read, files that total over maxBytes. */
  async stat(files: readonly string[], maxBytes: number): Promise<Selection> {
    const stats = await inBatches(files, async (file) => {
      const info = await stat(path.join(this.root, file)).catch(() => undefined);
      return { file, size: info?.size ?? -1, mtimeMs: info?.mtimeMs ?? -1 };
    });
    const totalBytes = stats.reduce((sum, entry) => sum + Math.max(entry.size, 0), 0);
    if (totalBytes > maxBytes) throw tooLarge(totalBytes, maxBytes, files.length);
    return { files: stats, totalBytes };
  }

  /**
   * Digest of the files' paths and contents. Only files whose stamp changed are hashed; `known` holds
   * contents already read (by Repomix, while packing), so those files are not read again.
   */
  async digest(selection: Selection, known?: ReadonlyMap<string, string>): Promise<string> {
    const hashes = await inBatches(selection.files, async ({ file, size, mtimeMs }) => {
      const stamp = this.stamps.get(file);
      if (
        stamp &&
        stamp.size === size &&
        stamp.mtimeMs === mtimeMs &&
        mtimeMs < stamp.hashedAt - RACY_WINDOW_MS
      ) {
        return stamp.hash;
      }
      const hashedAt = Date.now();
      const content = known?.get(file) ?? (await readText(path.join(this.root, file)));
      const hash = content === undefined ? 'unreadable' : createHash('sha256').update(content).digest('hex');
      this.stamps.set(file, { size, mtimeMs, hash, hashedAt });
      return hash;
    });
    const digest = createHash('sha256');
    selection.files.forEach(({ file }, index) => {
      digest.update(`${file}\0${hashes[index]}\n`);
    });
    return digest.digest('hex');
  }
}

export function tooLarge(bytes: number, maxBytes: number, files: number): ToolError {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return new ToolError(
    `The selection is too large to pack: ${files} files, ${mib(bytes)} (the limit is ${mib(maxBytes)}).`,
    {
      hint: 'Narrow `include` (e.g. ["src/**"]) or add `ignore` globs; `compress: true` shrinks what is sent. The limit is `context.max_input_bytes` in .tandem/config.yaml.',
    },
  );
}
