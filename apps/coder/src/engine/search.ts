// Structural search over files: walk, pick each file's language, parse (through the tree cache), run
// the compiled query, and page the matches. The scan always runs to the end so the total is exact;
// only the requested page is turned into text.
import path from 'node:path';
import type { SgNode } from '@ast-grep/napi';
import type { Language, LanguageRegistry } from './languages.js';
import type { CompiledQuery } from './query.js';
import { cachedMatches, type ParsedFile, type SkipReason, TreeCache } from './tree-cache.js';

export interface ScanTarget {
  /** Root-relative, `/`-separated. */
  relative: string;
  absolute: string;
  lang: Language;
}

export interface FoundMatch {
  target: ScanTarget;
  node: SgNode;
  file: ParsedFile;
}

export interface ScanResult {
  matches: FoundMatch[];
  filesScanned: number;
  filesWithMatches: number;
  skipped: Record<SkipReason, number>;
  languages: string[];
  /** Parsed files, kept for the no-match hints (textual probe, stopBy retry). */
  parsed: Array<{ target: ScanTarget; file: ParsedFile }>;
}

/** Matches counted per call before the scan stops; the result then says the total is a lower bound. */
export const MAX_COUNTED_MATCHES = 100_000;
const PARALLEL_PARSES = 4;

export function emptySkips(): Record<SkipReason, number> {
  return { binary: 0, non_utf8: 0, too_large: 0, unreadable: 0 };
}

/** The loaded language of a file, or undefined (no language claims it, or its grammar did not load). */
export function languageOfPath(registry: LanguageRegistry, relative: string): Language | undefined {
  try {
    return registry.forPath(relative);
  } catch {
    return undefined;
  }
}

/** Assigns each walked file its language; files no loaded language claims are counted, not scanned. */
export function targetsOf(
  root: string,
  files: readonly string[],
  registry: LanguageRegistry,
): { targets: ScanTarget[]; unknownLanguage: number } {
  const targets: ScanTarget[] = [];
  let unknownLanguage = 0;
  for (const relative of files) {
    const lang = languageOfPath(registry, relative);
    if (!lang) {
      unknownLanguage += 1;
      continue;
    }
    targets.push({ relative, absolute: path.join(root, relative), lang });
  }
  return { targets, unknownLanguage };
}

export async function scan(
  targets: readonly ScanTarget[],
  query: CompiledQuery,
  cache: TreeCache,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<ScanResult & { capped: boolean }> {
  const perFile: Array<FoundMatch[] | undefined> = new Array(targets.length);
  const skipped = emptySkips();
  const languages = new Set<string>();
  const parsed: ScanResult['parsed'] = [];
  let scanned = 0;
  let counted = 0;
  let capped = false;
  let next = 0;
  let done = 0;
  // Whole words: a leaf of the pattern is a whole token of the source, so `set` need not look inside
  // `offset`. A cheap substring test runs first; the regex only where the substring occurs.
  const words = query.requiredWords.map((word) => ({ word, whole: new RegExp(`\\b${word}\\b`) }));

  const worker = async () => {
    while (next < targets.length && !capped) {
      options.signal?.throwIfAborted();
      const index = next;
      next += 1;
      const target = targets[index] as ScanTarget;
      const config = query.forLanguage(target.lang);
      if (!config) continue;
      const loaded = cache.source(target.absolute);
      done += 1;
      if (done % 256 === 0) {
        options.onProgress?.(done, targets.length);
        // Let cancellation, pings and other calls through during a long scan.
        await new Promise((resolve) => setImmediate(resolve));
      }
      if ('skipped' in loaded) {
        skipped[loaded.skipped] += 1;
        continue;
      }
      scanned += 1;
      languages.add(target.lang.name);
      const { text } = loaded.source;
      if (!words.every(({ word, whole }) => text.includes(word) && whole.test(text))) continue;
      const root = await cache.tree(loaded.source, target.lang);
      const file: ParsedFile = { root, text, lang: target.lang };
      parsed.push({ target, file });
      const nodes = cachedMatches(loaded.source, `${target.lang.name}\0${query.key}`, () =>
        root.root().findAll(config),
      );
      if (nodes.length === 0) continue;
      perFile[index] = nodes.map((node) => ({ target, node, file }));
      counted += nodes.length;
      if (counted >= MAX_COUNTED_MATCHES) capped = true;
    }
  };
  await cache.busy(() => Promise.all(Array.from({ length: PARALLEL_PARSES }, worker)));

  const matches: FoundMatch[] = [];
  let filesWithMatches = 0;
  for (const found of perFile) {
    if (!found) continue;
    filesWithMatches += 1;
    for (const match of found) matches.push(match);
  }
  parsed.sort((a, b) => (a.target.relative < b.target.relative ? -1 : 1));
  return {
    matches,
    filesScanned: scanned,
    filesWithMatches,
    skipped,
    languages: [...languages].sort(),
    parsed,
    capped,
  };
}

export { TreeCache };
