// The exact bytes and mode of every file a refactor writes, taken before the write, and the way back:
// each file rewritten atomically (temporary file beside it, fsync, rename) and then read again and
// hashed, so "restored" is checked rather than assumed.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface FileBackup {
  /** Relative to the root, forward slashes. */
  file: string;
  /** Canonical absolute path: a symlinked file is backed up and restored at its target. */
  absolute: string;
  bytes: Buffer;
  mode: number;
  sha256: string;
}

export interface RestoredFile {
  file: string;
  /** false when the file already had its backed-up bytes and mode, so nothing was written. */
  rewritten: boolean;
  sha256: string;
  verified: boolean;
}

const PERMISSION_BITS = 0o7777;

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function backUp(
  files: ReadonlyArray<{ file: string; absolute: string }>,
): Promise<FileBackup[]> {
  return Promise.all(
    files.map(async ({ file, absolute }) => {
      const [bytes, info] = await Promise.all([readFile(absolute), stat(absolute)]);
      return { file, absolute, bytes, mode: info.mode & PERMISSION_BITS, sha256: sha256(bytes) };
    }),
  );
}

/** Whether the file on disk still has the backed-up bytes and mode. */
export async function isIntact(backup: FileBackup): Promise<boolean> {
  try {
    const [bytes, info] = await Promise.all([readFile(backup.absolute), stat(backup.absolute)]);
    return sha256(bytes) === backup.sha256 && (info.mode & PERMISSION_BITS) === backup.mode;
  } catch {
    return false;
  }
}

/** Puts back every file that differs from its backup; each result says whether it was verified. */
export async function restore(backups: readonly FileBackup[]): Promise<RestoredFile[]> {
  const restored: RestoredFile[] = [];
  for (const backup of backups) {
    if (await isIntact(backup)) {
      restored.push({ file: backup.file, rewritten: false, sha256: backup.sha256, verified: true });
      continue;
    }
    await writeAtomically(backup);
    restored.push({
      file: backup.file,
      rewritten: true,
      sha256: backup.sha256,
      verified: await isIntact(backup),
    });
  }
  return restored;
}

async function writeAtomically(backup: FileBackup): Promise<void> {
  const directory = path.dirname(backup.absolute);
  // The coder's atomic-write name (.<name>.<pid>.<8 hex>.tmp): its walks skip such files and its
  // next start removes them once this process is gone, should it be killed before the rename.
  const temporary = path.join(
    directory,
    `.${path.basename(backup.absolute)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'wx', backup.mode);
  try {
    await handle.writeFile(backup.bytes);
    // The umask may have narrowed the mode given to open.
    await handle.chmod(backup.mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, backup.absolute);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await chmod(backup.absolute, backup.mode);
  // The rename itself is durable once the directory is synced; not every platform allows it.
  const dir = await open(directory, 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
}
