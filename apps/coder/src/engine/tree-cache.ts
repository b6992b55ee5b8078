// Parsed files kept between calls, so a repeated search in a running server skips reading and
// parsing. An entry is reused while the file's mtime and size are unchanged; the cache is bounded by
// the total size of the sources it holds (the trees live in napi's memory, roughly proportional).
import { readFileSync, type Stats, statSync } from 'node:fs';
import type { SgNode, SgRoot } from '@ast-grep/napi';
import type { Language, LanguageRegistry } from './languages.js';
import { decodeSource, type SourceFile, type UnreadableReason } from './source-file.js';

export type SkipReason = 'binary' | 'non_utf8' | 'too_large' | 'unreadable';

export interface ParsedFile {
  root: SgRoot;
  text: string;
  lang: Language;
}

export type LoadResult = { file: ParsedFile } | { skipped: SkipReason };

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const DEFAULT_BUDGET_BYTES = 96 * 1024 * 1024;

/** Why a file cannot be searched as source, in the tools' vocabulary. */
const SKIP_REASON: Record<UnreadableReason, SkipReason> = {
  binary: 'binary',
  'not-utf8': 'non_utf8',
  'too-large': 'too_large',
  'not-a-file': 'unreadable',
};

export interface CachedSource {
  text: string;
  /** The decoded file: BOM, line ending, mode and content hash, for rewrites. */
  file: SourceFile;
  /** Parsed trees of this text, by language name (a file may be searched as more than one). */
  trees: Map<string, SgRoot>;
  /** Matches of recent queries on this text, so paging through a search does not search again. */
  matches: Map<string, SgNode[]>;
  /** Syntax errors of this text per language, counted once (rewrites compare against it). */
  errorCounts: Map<string, number>;
}

const QUERIES_REMEMBERED = 4;

/** A text's syntax error count in a language, counted once per version of the file. */
export function errorCountOf(source: CachedSource, language: string, count: () => number): number {
  const known = source.errorCounts.get(language);
  if (known !== undefined) return known;
  const counted = count();
  source.errorCounts.set(language, counted);
  return counted;
}

/** The matches of a query on a cached source, found once per version of the file. */
export function cachedMatches(source: CachedSource, key: string, find: () => SgNode[]): SgNode[] {
  const known = source.matches.get(key);
  if (known) return known;
  const found = find();
  if (source.matches.size >= QUERIES_REMEMBERED) {
    const oldest = source.matches.keys().next().value;
    if (oldest !== undefined) source.matches.delete(oldest);
  }
  source.matches.set(key, found);
  return found;
}

interface SourceEntry {
  source: CachedSource;
  mtimeMs: number;
  size: number;
}

export class TreeCache {
  // Map iteration order is insertion order: re-inserting on use makes the first key the least recent.
  private readonly entries = new Map<string, SourceEntry>();
  private bytes = 0;
  private active = 0;
  private readonly parsing = new Map<string, Promise<SgRoot>>();

  constructor(
    private readonly languages: LanguageRegistry,
    private readonly budgetBytes = DEFAULT_BUDGET_BYTES,
  ) {}

  /** The text of a file, from the cache while its mtime and size are unchanged. */
  // Synchronous on purpose: a repeated search stats every file, and thousands of promise-based
  // stats cost several times more than the sync calls; callers yield to the event loop between batches.
  source(absolute: string): { source: CachedSource } | { skipped: SkipReason } {
    let info: Stats;
    try {
      info = statSync(absolute);
    } catch {
      return { skipped: 'unreadable' };
    }
    if (info.size > MAX_FILE_BYTES) return { skipped: 'too_large' };
    const cached = this.entries.get(absolute);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      this.entries.delete(absolute);
      this.entries.set(absolute, cached);
      return { source: cached.source };
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch {
      return { skipped: 'unreadable' };
    }
    const decoded = decodeSource(bytes, info);
    if (!decoded.ok) return { skipped: SKIP_REASON[decoded.reason] };
    const source: CachedSource = {
      text: decoded.file.text,
      file: decoded.file,
      trees: new Map(),
      matches: new Map(),
      errorCounts: new Map(),
    };
    this.put(absolute, { source, mtimeMs: info.mtimeMs, size: info.size });
    return { source };
  }

  /** The tree of a cached source in a language, parsed once. */
  async tree(source: CachedSource, lang: Language): Promise<SgRoot> {
    const cached = source.trees.get(lang.name);
    if (cached) return cached;
    // A parse already under way (the background warm-up, or another call) is shared, not repeated.
    const key = `${lang.name}\0${source.file.hash}`;
    const inFlight = this.parsing.get(key);
    if (inFlight) return inFlight;
    // parseAsync runs on libuv's thread pool, so several files parse at once.
    const parsing = this.languages.ast.parseAsync(lang.napiName, source.text).then((root) => {
      source.trees.set(lang.name, root);
      return root;
    });
    this.parsing.set(key, parsing);
    try {
      return await parsing;
    } finally {
      this.parsing.delete(key);
    }
  }

  /** Runs a tool's scan; the background warm-up waits while any is running. */
  async busy<T>(work: () => Promise<T>): Promise<T> {
    this.active += 1;
    try {
      return await work();
    } finally {
      this.active -= 1;
    }
  }

  get isBusy(): boolean {
    return this.active > 0;
  }

  /** Source bytes held. */
  get size(): number {
    return this.bytes;
  }

  /** Text and tree together, for callers that need both. */
  async load(absolute: string, lang: Language): Promise<LoadResult> {
    const loaded = this.source(absolute);
    if ('skipped' in loaded) return loaded;
    const root = await this.tree(loaded.source, lang);
    return { file: { root, text: loaded.source.text, lang } };
  }

  private put(key: string, entry: SourceEntry): void {
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
    const entry = this.entries.get(absolute);
    if (!entry) return;
    this.entries.delete(absolute);
    this.bytes -= entry.size;
  }
}
