// Reading a source file for search and rewrite, and writing it back atomically. Reading decodes
// strict UTF-8 (a binary or non-UTF-8 file is reported, not mangled), strips a BOM and remembers it,
// notes the line ending, mode and a hash of the raw bytes (the change ids of a dry run carry it, so
// an apply can tell the file changed since). Writing goes through a temporary file in the same
// directory and a rename, so a reader sees the old file or the new one, never half of each.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export type LineEnding = '\n' | '\r\n';

export interface SourceFile {
  /** The decoded text, BOM stripped: the text napi parses and edit offsets refer to. */
  text: string;
  /** Whether the file started with a UTF-8 byte order mark. */
  bom: boolean;
  /** The line ending most of its lines use (LF when it has no line break). */
  eol: LineEnding;
  /** Permission bits (and file type bits) from stat. */
  mode: number;
  /** Size in bytes. */
  size: number;
  mtimeMs: number;
  /** Short sha256 (hex) of the raw bytes, BOM included. */
  hash: string;
}

export type UnreadableReason = 'binary' | 'not-utf8' | 'too-large' | 'not-a-file';

export type ReadSourceResult =
  | { ok: true; file: SourceFile }
  | { ok: false; reason: UnreadableReason; size: number; message: string };

export interface ReadSourceOptions {
  /** Files larger than this many bytes are not read (reason 'too-large'). */
  maxBytes?: number;
}

/** Hex digits kept of the sha256: 64 bits, plenty to tell two versions of one file apart. */
const HASH_LENGTH = 16;
/** Git's heuristic: a NUL byte in the first 8 KiB marks a binary file. */
const BINARY_PROBE_BYTES = 8192;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, HASH_LENGTH);
}

/** The line ending most lines of `text` use; LF when there is no line break at all. */
export function detectLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf += 1;
    else lf += 1;
  }
  return crlf > lf ? '\r\n' : '\n';
}

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** Decodes raw file bytes; exported for callers that already hold the bytes (caches, tests). */
export function decodeSource(bytes: Uint8Array, stats: { mode: number; mtimeMs: number }): ReadSourceResult {
  const size = bytes.byteLength;
  const probe = bytes.subarray(0, BINARY_PROBE_BYTES);
  if (probe.includes(0)) {
    return { ok: false, reason: 'binary', size, message: 'binary file (NUL byte in the first 8 KiB)' };
  }
  const bom = hasBom(bytes);
  let text: string;
  try {
    text = strictUtf8.decode(bom ? bytes.subarray(UTF8_BOM.length) : bytes);
  } catch {
    return { ok: false, reason: 'not-utf8', size, message: 'not valid UTF-8' };
  }
  return {
    ok: true,
    file: {
      text,
      bom,
      eol: detectLineEnding(text),
      mode: stats.mode,
      size,
      mtimeMs: stats.mtimeMs,
      hash: hashBytes(bytes),
    },
  };
}

export async function readSource(
  absolute: string,
  options: ReadSourceOptions = {},
): Promise<ReadSourceResult> {
  const stats = await stat(absolute);
  if (!stats.isFile()) {
    return { ok: false, reason: 'not-a-file', size: stats.size, message: 'not a regular file' };
  }
  if (options.maxBytes !== undefined && stats.size > options.maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      size: stats.size,
      message: `${stats.size} bytes, over the ${options.maxBytes}-byte limit`,
    };
  }
  const bytes = await readFile(absolute);
  return decodeSource(bytes, stats);
}

export interface WriteSourceOptions {
  /** Write a UTF-8 BOM before the text. */
  bom?: boolean;
  /** Permission bits for the file; default: those of the file being replaced, else 0o644. */
  mode?: number;
}

export interface WrittenSource {
  /** The file actually written: the target of a symlink, not the link. */
  path: string;
  size: number;
  /** Short sha256 of the bytes written, comparable with SourceFile.hash. */
  hash: string;
}

/** Where a write to `absolute` lands: through symlinks to the real file, so links stay links. */
async function writeTarget(absolute: string): Promise<string> {
  try {
    return await realpath(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // A new file (or a dangling link, which is refused rather than followed blindly).
    const link = await lstat(absolute).catch(() => undefined);
    if (link?.isSymbolicLink()) throw new Error(`${absolute} is a symbolic link to a missing file.`);
    return absolute;
  }
}

/**
 * Replaces the file at `absolute` with `text` atomically: a temporary file in the same directory is
 * written, fsynced, given the mode (and owner, where allowed) and renamed over the target. On any
 * failure the temporary file is removed and the original stays untouched. A symlink is written
 * through: its target file is replaced and the link itself stays.
 */
export async function writeSourceAtomic(
  absolute: string,
  text: string,
  options: WriteSourceOptions = {},
): Promise<WrittenSource> {
  const target = await writeTarget(absolute);
  const existing = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const mode = (options.mode ?? existing?.mode ?? 0o644) & 0o7777;
  const body = Buffer.from(text, 'utf8');
  const bytes = options.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
  const dir = path.dirname(target);
  const temp = atomicTempPath(target);
  let created = false;
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    created = true;
    try {
      await handle.writeFile(bytes);
      // open() applied the umask; set the exact bits, and keep the owner when running privileged.
      await handle.chmod(mode);
      if (existing && process.getuid?.() === 0) await handle.chown(existing.uid, existing.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    created = false;
  } catch (error) {
    if (created) await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
  return { path: target, size: bytes.byteLength, hash: hashBytes(bytes) };
}

/**
 * The name of a temporary file of an atomic write: `.<name>.<pid>.<8 hex>.tmp` beside its target.
 * A writer killed between creating it and the rename (SIGKILL, power loss) leaves it behind, so
 * walks skip such names whatever the hidden-file setting, and the next start removes those whose
 * writer is gone (removeStaleTemp).
 */
export const ATOMIC_TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

export function atomicTempPath(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/** Removes the temporary file of an atomic write if the process that wrote it no longer runs. */
export async function removeStaleTemp(absolute: string): Promise<boolean> {
  const pid = Number(ATOMIC_TEMP_NAME.exec(path.basename(absolute))?.[1]);
  if (!pid || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false; // its writer may still rename it
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') return false; // alive, another user's
  }
  return unlink(absolute).then(
    () => true,
    () => false,
  );
}

/** Makes the rename durable; not every platform can fsync a directory, which is then skipped. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some file systems refuse to open or fsync a directory: the rename itself stands.
  }
}
