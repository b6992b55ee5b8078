// Remembers probe outcomes across server starts (a probe costs a Node process, ~0.2 s), keyed by the
// library's path, size and mtime and the symbol, so a rebuilt or replaced library is probed again.
// The cache is a convenience: when it cannot be read or written, probes just run every start.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type ProbeResult, type ProbeSpec, probeGrammar } from './probe-grammar.js';

const MAX_ENTRIES = 200;

type Entries = Record<string, ProbeResult>;

export class ProbeCache {
  private entries: Entries | undefined;

  /** @param file where to keep the outcomes; undefined keeps them in memory only */
  constructor(
    private readonly file: string | undefined,
    private readonly probeFn: (spec: ProbeSpec) => ProbeResult = probeGrammar,
  ) {}

  probe(spec: ProbeSpec): ProbeResult {
    const info = statSync(spec.libraryPath);
    const key = JSON.stringify([spec.libraryPath, spec.languageSymbol, info.size, info.mtimeMs]);
    const entries = this.read();
    const known = entries[key];
    if (known) return known;
    const result = this.probeFn(spec);
    entries[key] = result;
    this.write(entries);
    return result;
  }

  private read(): Entries {
    if (this.entries) return this.entries;
    this.entries = {};
    if (!this.file) return this.entries;
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as { entries?: Entries };
      if (parsed.entries && typeof parsed.entries === 'object') this.entries = parsed.entries;
    } catch {
      // missing or unreadable: start empty
    }
    return this.entries;
  }

  private write(entries: Entries): void {
    if (!this.file) return;
    const keys = Object.keys(entries);
    for (const stale of keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES))) delete entries[stale];
    try {
      mkdirSync(path.dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, `${JSON.stringify({ entries }, null, 1)}\n`);
      renameSync(temp, this.file);
    } catch {
      // a read-only workspace: the outcome is still kept for this process
    }
  }
}
