// Small helpers the adapters share: file selection, argument chunks, paths in linters' reports.
import path from 'node:path';

export const JS_TS_EXTENSIONS = ['.js', '.jsx', '.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts'];

export function withExtension(files: readonly string[], extensions: readonly string[]): string[] {
  return files.filter((file) => extensions.includes(path.posix.extname(file).toLowerCase()));
}

const MAX_CHUNK_FILES = 200;
const MAX_CHUNK_BYTES = 64 * 1024;

/** Splits a file list so no command line grows past what every OS accepts. */
export function chunks(files: readonly string[]): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const size = Buffer.byteLength(file) + 1;
    if (current.length > 0 && (current.length >= MAX_CHUNK_FILES || bytes + size > MAX_CHUNK_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * A root-relative file as an argument for a linter running in `cwd` (root-relative). The `./` prefix
 * keeps a file named like an option (`-x.sh`) from being read as one.
 */
export function fileArg(cwd: string, file: string): string {
  const rel = cwd === '' ? file : path.posix.relative(cwd, file);
  return `./${rel}`;
}

/** A path a linter reported (absolute, or relative to where it ran) as root-relative; undefined if outside. */
export function fromReport(root: string, cwdAbsolute: string, reported: string): string | undefined {
  const absolute = path.resolve(cwdAbsolute, reported);
  const rel = path.relative(root, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * A process's output for a failure report: all of it when short, else its start and its end (a Node
 * stack trace puts the message first, most native tools put it last).
 */
export function tail(text: string, max = 2000): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  const half = Math.floor(max / 2);
  return `${trimmed.slice(0, half)}\n… [${trimmed.length - 2 * half} chars left out] …\n${trimmed.slice(-half)}`;
}

/** The JSON document a linter printed, tolerating banner lines before it. */
export function parseJsonOutput(stdout: string): unknown {
  const trimmed = stdout.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.search(/^[[{]/m);
    if (start <= 0) throw new Error('not JSON');
    return JSON.parse(trimmed.slice(start));
  }
}

const MAX_MESSAGE = 2000;

export function cutMessage(message: string): string {
  return message.length <= MAX_MESSAGE
    ? message
    : `${message.slice(0, MAX_MESSAGE)}… [${message.length - MAX_MESSAGE} more chars]`;
}

/** Root-relative directory of a root-relative file ('' for the root). */
export function dirOf(file: string): string {
  const dir = path.posix.dirname(file);
  return dir === '.' ? '' : dir;
}
