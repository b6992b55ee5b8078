// Root confinement: the one path resolver. Every path argument of every tool goes through here, so
// `..`, absolute paths outside the root and symlinks that leave it are refused in one place.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from '../seam/tool-error.js';

export interface ResolvedPath {
  /** Absolute path, symlinks of existing parts resolved. */
  absolute: string;
  /** Path relative to the root, with forward slashes; '.' for the root itself. */
  relative: string;
}

/** The root with its symlinks resolved; every confinement check compares against this. */
export function canonicalRoot(root: string): string {
  return realpathSync.native(path.resolve(root));
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  if (rel === '') return true;
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

const MAX_LINK_HOPS = 40;

/**
 * Where `target` really points: the deepest existing ancestor through realpath, with the part that
 * does not exist yet appended. A dangling symlink on the way is followed to its target (realpath
 * cannot, as the target is missing), so a link to a missing file outside the root reads as outside.
 */
function realLocation(target: string, hops = 0): string {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      const real = realpathSync.native(current);
      return missing.length === 0 ? real : path.join(real, ...missing.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Both are the caller's path, not a server fault (the fuzz found the first with a 1000-character
      // name): refused with a message instead of escaping as an internal error.
      if (code === 'ENAMETOOLONG') {
        throw new ToolError('The path, or one of its names, is longer than the file system allows.', {
          hint: 'Give an existing path inside the workspace root.',
        });
      }
      if (code === 'ELOOP') throw new ToolError(`Too many levels of symbolic links at "${current}".`);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    let link: string | undefined;
    try {
      if (lstatSync(current).isSymbolicLink()) link = readlinkSync(current);
    } catch {
      // current does not exist at all: keep walking up
    }
    if (link !== undefined) {
      if (hops >= MAX_LINK_HOPS) throw new ToolError(`Too many levels of symbolic links at "${current}".`);
      const next = path.resolve(path.dirname(current), link);
      return realLocation(missing.length === 0 ? next : path.join(next, ...missing.reverse()), hops + 1);
    }
    const parent = path.dirname(current);
    if (parent === current) return target;
    missing.push(path.basename(current));
    current = parent;
  }
}

/**
 * Resolves `input` (relative to the root, or absolute) inside `root`.
 * @param root the canonical root (see canonicalRoot)
 * @param argument the name of the argument, used in error messages
 */
export function resolveInRoot(root: string, input: string, argument = 'path'): ResolvedPath {
  if (typeof input !== 'string' || input.length === 0) {
    throw new ToolError(`${argument} is empty.`, { hint: 'Give a path relative to the workspace root.' });
  }
  if (input.includes('\0')) {
    throw new ToolError(`${argument} contains a NUL byte.`, {
      hint: 'Give a plain path relative to the workspace root.',
    });
  }
  const lexical = path.resolve(root, input);
  // A relative path may not climb out, even to come back in. An absolute one is judged by where it
  // really leads, so a path through a symlinked alias of the root (macOS /tmp, say) is accepted.
  if (!path.isAbsolute(input) && !isInside(root, lexical)) {
    throw new ToolError(`${argument} "${input}" is outside the workspace root.`, {
      hint: 'Paths must stay inside the root the server was started with (--root); use a path relative to it.',
    });
  }
  const real = realLocation(lexical);
  if (!isInside(root, real)) {
    if (path.isAbsolute(input) && !isInside(root, lexical)) {
      throw new ToolError(`${argument} "${input}" is outside the workspace root.`, {
        hint: 'Paths must stay inside the root the server was started with (--root); use a path relative to it.',
      });
    }
    throw new ToolError(`${argument} "${input}" leads outside the workspace root through a symbolic link.`, {
      hint: 'Symbolic links that leave the root are not followed.',
    });
  }
  const relative = path.relative(root, real).split(path.sep).join('/');
  return { absolute: real, relative: relative === '' ? '.' : relative };
}
