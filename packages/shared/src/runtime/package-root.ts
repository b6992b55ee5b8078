// A package's own directory, found from one of its modules: the nearest directory above it with a
// package.json. Paths such as `new URL('../package.json', import.meta.url)` assume the module's depth
// in the package, which a bundle (dist/<server>.bundle.mjs and its dist/chunks/) does not keep.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRootOf(moduleUrl: string): string {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${fileURLToPath(moduleUrl)}.`);
    dir = parent;
  }
}
