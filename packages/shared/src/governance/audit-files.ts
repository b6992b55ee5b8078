// Where the audit lives and how it is read back: the file names of the rotation, the files in the
// order they were written, and records parsed line by line. A line that is not a record (garbage, a
// line cut short by a crash) is skipped and counted, never fatal.
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditRecord } from './audit.js';

export const AUDIT_DIR = 'audit';
export const AUDIT_FILE = 'audit.jsonl';
/** `audit.<n>.jsonl`: the n-th most recent rotated file. */
export const ROTATED_FILE = /^audit\.(\d+)\.jsonl$/;

/** The audit directory under a state directory (`<root>/.tandem`). */
export function auditDirOf(stateDir: string): string {
  return path.join(stateDir, AUDIT_DIR);
}

export function rotatedAuditFile(dir: string, index: number): string {
  return path.join(dir, `audit.${index}.jsonl`);
}

/** The audit files of `dir`, oldest first (the highest rotation index first, audit.jsonl last). */
export async function listAuditFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const rotated = names
    .map((name) => ({ name, index: Number(ROTATED_FILE.exec(name)?.[1] ?? Number.NaN) }))
    .filter((entry) => !Number.isNaN(entry.index))
    .sort((a, b) => b.index - a.index)
    .map((entry) => path.join(dir, entry.name));
  return names.includes(AUDIT_FILE) ? [...rotated, path.join(dir, AUDIT_FILE)] : rotated;
}

/** The line as a record, or undefined when it is not one (the few fields every reader relies on). */
export function parseAuditLine(line: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Partial<AuditRecord>;
  if (
    typeof record.time !== 'string' ||
    Number.isNaN(Date.parse(record.time)) ||
    typeof record.tool !== 'string' ||
    typeof record.outcome !== 'string' ||
    typeof record.duration_ms !== 'number' ||
    typeof record.identity !== 'object' ||
    record.identity === null
  ) {
    return undefined;
  }
  return record as AuditRecord;
}

export interface AuditReadStats {
  /** Non-empty lines that were not records. */
  badLines: number;
}

/**
 * The records of `files`, in order, streamed (a full rotation is 100 MiB by default). Bad lines are
 * counted in `stats`.
 */
export async function* readAuditRecords(
  files: readonly string[],
  stats: AuditReadStats,
): AsyncGenerator<AuditRecord> {
  for (const file of files) {
    let lines: AsyncIterable<string>;
    const stream = createReadStream(file, { encoding: 'utf8' });
    try {
      lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        const record = parseAuditLine(line);
        if (record) yield record;
        else stats.badLines += 1;
      }
    } catch (error) {
      // Rotated away between listing and reading: its records are in the next file.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    } finally {
      stream.destroy();
    }
  }
}
