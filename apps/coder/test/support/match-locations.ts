// Match locations of the `ast-grep` CLI and of ast_search in one comparable form:
// `file:line:column-end_line:end_column`, 1-based, columns in UTF-16 code units (ours).
//
// How the CLI counts (checked on 0.51.1): `line` is 0-based; `column` is 0-based and counts Unicode
// characters (scalar values), not bytes and not UTF-16 units; `byteOffset` counts bytes of the file
// as stored, a UTF-8 BOM included — and the BOM also counts as a character of line 1. We report
// 1-based columns in UTF-16 units (what JavaScript strings, editors and LSP use) on the text with its
// BOM removed. So the CLI's positions are converted here from byteOffset, and two differences are
// intentional: characters outside the BMP (an emoji) count 2 in our columns and 1 in the CLI's, and
// on the first line of a file with a BOM the CLI's column is one more than ours.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callOk } from './coder.js';

export interface CliPosition {
  line: number;
  column: number;
}

export interface CliMatch {
  file: string;
  range: {
    byteOffset: { start: number; end: number };
    start: CliPosition;
    end: CliPosition;
  };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface Located {
  /** 1-based line, 1-based UTF-16 column, on the text without BOM. */
  line: number;
  column: number;
  /** The CLI's way: 0-based line, 0-based column in characters, a BOM counted on line 1. */
  cli: CliPosition;
}

/** Position of a byte offset of a file, in our units and in the CLI's. */
function locate(bytes: Buffer, byteOffset: number): Located {
  const bom = bytes.subarray(0, 3).equals(BOM) ? 3 : 0;
  const before = bytes.subarray(bom, byteOffset).toString('utf8');
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineIndex = before.split('\n').length - 1;
  const onLine = before.slice(lineStart);
  return {
    line: lineIndex + 1,
    column: onLine.length + 1,
    cli: { line: lineIndex, column: [...onLine].length + (bom && lineIndex === 0 ? 1 : 0) },
  };
}

export interface CliLocations {
  keys: string[];
  /** Matches whose line/column the CLI reported differently from how the header says it counts. */
  unexplained: string[];
}

/** The CLI's `--json=stream` output as location keys; `cwd` is where it ran (its paths are relative). */
export function cliLocations(stdout: string, cwd: string): CliLocations {
  const files = new Map<string, Buffer>();
  const keys: string[] = [];
  const unexplained: string[] = [];
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const match = JSON.parse(line) as CliMatch;
    const file = match.file.split(path.sep).join('/');
    let bytes = files.get(file);
    if (!bytes) {
      bytes = readFileSync(path.join(cwd, file));
      files.set(file, bytes);
    }
    const start = locate(bytes, match.range.byteOffset.start);
    const end = locate(bytes, match.range.byteOffset.end);
    const key = `${file}:${start.line}:${start.column}-${end.line}:${end.column}`;
    keys.push(key);
    for (const [ours, theirs] of [
      [start.cli, match.range.start],
      [end.cli, match.range.end],
    ] as const) {
      if (ours.line !== theirs.line || ours.column !== theirs.column) {
        unexplained.push(
          `${key}: CLI says ${theirs.line}:${theirs.column}, expected ${ours.line}:${ours.column}`,
        );
      }
    }
  }
  return { keys: keys.sort(), unexplained };
}

interface SearchPage {
  outcome: string;
  matches: Array<{ file: string; line: number; column: number; end_line: number; end_column: number }>;
  total_matches: number;
  next_cursor?: string;
}

/** Every match of an ast_search, paging with the cursor, as location keys. */
export async function searchLocations(
  client: Client,
  args: Record<string, unknown>,
): Promise<{ keys: string[]; total: number; pages: number }> {
  const keys: string[] = [];
  let cursor: string | undefined;
  let total = 0;
  let pages = 0;
  do {
    const page = await callOk<SearchPage>(client, 'ast_search', {
      ...args,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    total = page.total_matches;
    for (const m of page.matches) keys.push(`${m.file}:${m.line}:${m.column}-${m.end_line}:${m.end_column}`);
    cursor = page.next_cursor;
    pages += 1;
  } while (cursor);
  return { keys: keys.sort(), total, pages };
}

/** What one side has and the other lacks, for a readable failure. */
export function difference(ours: readonly string[], theirs: readonly string[]) {
  const count = (list: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const key of list) counts.set(key, (counts.get(key) ?? 0) + 1);
    return counts;
  };
  const a = count(ours);
  const b = count(theirs);
  const only = (x: Map<string, number>, y: Map<string, number>) =>
    [...x].flatMap(([key, n]) => Array<string>(Math.max(0, n - (y.get(key) ?? 0))).fill(key));
  return { onlyOurs: only(a, b).slice(0, 20), onlyCli: only(b, a).slice(0, 20) };
}
