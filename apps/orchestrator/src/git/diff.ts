// The diff of the working tree or the index, with per-file +/- counts (numstat) and the patch text
// bounded: each file's text cut at a line boundary past a per-file cap, and files that no longer fit
// the total cap left out and listed. Secrets in the kept text are masked.
import type { Redactor } from '@tandem/shared';
import { git } from './run-git.js';

export interface DiffFileStat {
  path: string;
  orig_path?: string;
  added: number | null;
  deleted: number | null;
  binary: boolean;
}

export interface CutFile extends DiffFileStat {
  reason: 'file_cap' | 'total_cap';
}

export interface BoundedDiff {
  files: DiffFileStat[];
  total_added: number;
  total_deleted: number;
  text: string | null;
  truncated: boolean;
  cut_files: CutFile[];
  bytes_total: number;
  bytes_returned: number;
}

export interface DiffOptions {
  staged: boolean;
  /** The root is a subdirectory of the repository: paths relative to it, changes under it. */
  relative: boolean;
  signal: AbortSignal;
}

function baseArgs(options: DiffOptions): string[] {
  return [
    'diff',
    ...(options.staged ? ['--cached'] : []),
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '-M',
    ...(options.relative ? ['--relative'] : []),
  ];
}

export function parseNumstat(output: string): DiffFileStat[] {
  const records = output.split('\0');
  const files: DiffFileStat[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? '';
    if (record === '') continue;
    const [added = '-', deleted = '-', ...rest] = record.split('\t');
    const binary = added === '-' && deleted === '-';
    const counts = {
      added: binary ? null : Number(added),
      deleted: binary ? null : Number(deleted),
      binary,
    };
    const inline = rest.join('\t');
    if (inline === '') {
      // A rename: the two paths follow as their own NUL-terminated records.
      const orig = records[++i] ?? '';
      const path = records[++i] ?? '';
      files.push({ path, orig_path: orig, ...counts });
    } else {
      files.push({ path: inline, ...counts });
    }
  }
  return files;
}

export async function numstat(root: string, options: DiffOptions): Promise<DiffFileStat[]> {
  const result = await git(root, [...baseArgs(options), '--numstat', '-z'], { signal: options.signal });
  if (result.exitCode !== 0) throw new Error(`git diff --numstat failed: ${result.stderr.trim()}`);
  return parseNumstat(result.stdout);
}

/** The patch split into one chunk per file, each starting at its `diff --git` line. */
export function splitPatch(patch: string): string[] {
  const starts: number[] = [];
  const header = /^diff --git /gm;
  for (const match of patch.matchAll(header)) starts.push(match.index);
  return starts.map((start, index) => patch.slice(start, starts[index + 1] ?? patch.length));
}

/** The longest prefix of `text` that ends at a line end and fits `bytes` (UTF-8). */
function cutAtLine(text: string, bytes: number): string {
  const buffer = Buffer.from(text, 'utf8');
  if (buffer.length <= bytes) return text;
  const head = buffer.subarray(0, bytes).toString('utf8');
  const lastNewline = head.lastIndexOf('\n');
  return lastNewline >= 0 ? head.slice(0, lastNewline + 1) : '';
}

export async function boundedDiff(
  root: string,
  options: DiffOptions & {
    statOnly: boolean;
    maxFileBytes: number;
    maxTotalBytes: number;
    redactor: Redactor;
  },
): Promise<BoundedDiff> {
  const files = await numstat(root, options);
  const total_added = files.reduce((sum, file) => sum + (file.added ?? 0), 0);
  const total_deleted = files.reduce((sum, file) => sum + (file.deleted ?? 0), 0);
  if (options.statOnly) {
    return {
      files,
      total_added,
      total_deleted,
      text: null,
      truncated: false,
      cut_files: [],
      bytes_total: 0,
      bytes_returned: 0,
    };
  }
  const result = await git(root, baseArgs(options), { signal: options.signal });
  if (result.exitCode !== 0) throw new Error(`git diff failed: ${result.stderr.trim()}`);
  const chunks = splitPatch(result.stdout);
  const aligned = chunks.length === files.length;
  const cut_files: CutFile[] = [];
  const kept: string[] = [];
  let used = 0;
  let bytesTotal = 0;
  for (const [index, chunk] of chunks.entries()) {
    const size = Buffer.byteLength(chunk, 'utf8');
    bytesTotal += size;
    const stat: DiffFileStat = (aligned ? files[index] : undefined) ?? {
      path: /^diff --git a\/.* b\/(.*)$/m.exec(chunk)?.[1] ?? '?',
      added: null,
      deleted: null,
      binary: false,
    };
    let text = chunk;
    let shortened = false;
    if (size > options.maxFileBytes) {
      text = cutAtLine(chunk, options.maxFileBytes);
      shortened = true;
    }
    const marker = shortened
      ? `… [${stat.path}: diff cut after ${Buffer.byteLength(text, 'utf8')} of ${size} bytes; +${stat.added ?? '?'} -${stat.deleted ?? '?'} in all]\n`
      : '';
    const cost = Buffer.byteLength(text, 'utf8') + Buffer.byteLength(marker, 'utf8');
    if (used + cost > options.maxTotalBytes) {
      cut_files.push({ ...stat, reason: 'total_cap' });
      continue;
    }
    used += cost;
    if (shortened) cut_files.push({ ...stat, reason: 'file_cap' });
    kept.push(await options.redactor.redact(text), marker);
  }
  if (result.cut) {
    cut_files.push({
      path: '(rest of the diff)',
      added: null,
      deleted: null,
      binary: false,
      reason: 'total_cap',
    });
  }
  const omitted = cut_files.filter((file) => file.reason === 'total_cap');
  if (omitted.length > 0) {
    kept.push(
      `… [${omitted.length} more file(s) left out to stay within ${options.maxTotalBytes} bytes: ${omitted
        .slice(0, 20)
        .map((file) => `${file.path} (+${file.added ?? '?'} -${file.deleted ?? '?'})`)
        .join(', ')}${omitted.length > 20 ? ', …' : ''}]\n`,
    );
  }
  const text = kept.join('');
  return {
    files,
    total_added,
    total_deleted,
    text,
    truncated: cut_files.length > 0,
    cut_files,
    bytes_total: bytesTotal,
    bytes_returned: Buffer.byteLength(text, 'utf8'),
  };
}
