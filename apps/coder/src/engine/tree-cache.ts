// Parsed files kept between calls, so a repeated search in a running server skips reading and
// parsing. An entry is reused while the file's mtime and size are unchanged; the cache is bounded by
// the total size of the sources it holds (the trees live in napi's memory, roughly proportional).
import { readFile, stat } from 'node:fs/promises';
import type { SgRoot } from '@ast-grep/napi';
import type { Language, LanguageRegistry } from './languages.js';

export type SkipReason = 'binary' | 'non_utf8' | 'too_large' | 'unreadable';

export interface ParsedFile {
  root: SgRoot;
  text: string;
  lang: Language;
}

export type LoadResult = { file: ParsedFile } | { skipped: SkipReason };

interface Entry {
  file: ParsedFile;
  mtimeMs: number;
  size: number;
}

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_BUDGET_BYTES = 96 * 1024 * 1024;
const SNIFF_BYTES = 8192;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of a file, or why it cannot be searched as source. */
export function decodeSource(bytes: Buffer): { text: string } | { skipped: SkipReason } {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { skipped: 'binary' };
  try {
    const text = utf8.decode(bytes);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { skipped: 'non_utf8' };
  }
}

export class TreeCache {
  // Map iteration order is insertion order: re-inserting on use makes the first key the least recent.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly languages: LanguageRegistry,
    private readonly budgetBytes = DEFAULT_BUDGET_BYTES,
  ) {}

  async load(absolute: string, lang: Language): Promise<LoadResult> {
    const key = `${lang.name}\0${absolute}`;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(absolute);
    } catch {
      return { skipped: 'unreadable' };
    }
    if (info.size > MAX_FILE_BYTES) return { skipped: 'too_large' };
    const cached = this.entries.get(key);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { file: cached.file };
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(absolute);
    } catch {
      return { skipped: 'unreadable' };
    }
    const decoded = decodeSource(bytes);
    if ('skipped' in decoded) return decoded;
    // parseAsync runs on libuv's thread pool, so several files parse at once.
    const root = await this.languages.ast.parseAsync(lang.napiName, decoded.text);
    const file: ParsedFile = { root, text: decoded.text, lang };
    this.put(key, { file, mtimeMs: info.mtimeMs, size: info.size });
    return { file };
  }

  private put(key: string, entry: Entry): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.size;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += entry.size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.size;
    }
  }

  /** Drops a file after it was rewritten (its mtime may not change within the clock's resolution). */
  forget(absolute: string): void {
    for (const [key, entry] of this.entries) {
      if (key.endsWith(`\0${absolute}`)) {
        this.entries.delete(key);
        this.bytes -= entry.size;
      }
    }
  }
}
