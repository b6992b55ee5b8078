// Writes the planned files: each through a temporary file and a rename, so a reader never sees half a
// file. Directories are checked for write access first so a read-only target fails before anything.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlannedFile } from './plan.js';

/** The nearest directory that exists: where mkdir would have to create the rest. */
async function existingAncestor(dir: string): Promise<string> {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if ((await stat(current)).isDirectory()) return current;
    } catch {
      // not there yet: its parent will be created into
    }
    if (path.dirname(current) === current) return current;
  }
}

/** The directories a write would need and cannot have, or []. */
export async function unwritable(plans: PlannedFile[]): Promise<string[]> {
  const problems = new Set<string>();
  for (const plan of plans) {
    const dir = await existingAncestor(path.dirname(plan.file));
    try {
      await access(dir, constants.W_OK | constants.X_OK);
    } catch {
      problems.add(dir);
    }
  }
  return [...problems];
}

async function writeAtomic(target: string, text: string): Promise<void> {
  // A symlinked file (a shared .mcp.json) is written where it points; renaming over the link would
  // replace it with a copy.
  const file = await realpath(target).catch(() => target);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.tandem-${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    // Keep an existing file's mode (a justfile may be executable); new files get the umask default.
    const mode = await stat(file).then(
      (info) => info.mode & 0o7777,
      () => undefined,
    );
    await writeFile(temp, text, mode === undefined ? {} : { mode });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export class PartialWrite extends Error {
  override name = 'PartialWrite';
  constructor(
    readonly written: string[],
    readonly failed: string,
    readonly reason: Error,
  ) {
    super(`cannot write ${failed}: ${reason.message}`);
  }
}

/** Writes in order; on a failure says which files were already written. */
export async function writeChanges(plans: PlannedFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const plan of plans) {
    try {
      await writeAtomic(plan.file, plan.after);
    } catch (error) {
      throw new PartialWrite(written, plan.rel, error as Error);
    }
    written.push(plan.rel);
  }
  return written;
}
