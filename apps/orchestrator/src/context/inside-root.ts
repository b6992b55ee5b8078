// Repomix's file search follows symbolic links, so a link inside the root to a file or directory
// outside (`link -> /home/me/.ssh`) would put what it points at into the pack. Every path the
// search returns is kept only when its real location is inside the root; directories are resolved
// once each, files only when they are links themselves.
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** A filter of root-relative paths: true when the file really lies inside `root`. */
export function insideRoot(root: string): (file: string) => boolean {
  const realRoot = realpathSync(root);
  const inside = (real: string) => real === realRoot || real.startsWith(`${realRoot}${path.sep}`);
  const real = (relative: string) => {
    try {
      return inside(realpathSync(path.join(root, relative)));
    } catch {
      return false; // gone or unreadable: nothing to pack either way
    }
  };
  const directories = new Map<string, boolean>();
  return (file) => {
    if (file.split(/[\\/]/).includes('..') || path.isAbsolute(file)) return false;
    const directory = path.dirname(file);
    let ok = directories.get(directory);
    if (ok === undefined) {
      ok = real(directory);
      directories.set(directory, ok);
    }
    if (!ok) return false;
    try {
      return !lstatSync(path.join(root, file)).isSymbolicLink() || real(file);
    } catch {
      return false;
    }
  };
}
