// A workspace root with files and symbolic links that stay inside it or leave it, next to an outside dir.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { canonicalRoot } from '../../src/workspace/resolve-in-root.js';
import { makeTempDir } from './temp-dir.js';

export interface Workspace {
  /** The temp dir holding `root/` and `outside/`. */
  base: string;
  /** Canonical root. */
  root: string;
  outside: string;
  remove: () => Promise<void>;
}

export async function makeWorkspace(): Promise<Workspace> {
  const temp = await makeTempDir('tandem-root-');
  const base = canonicalRoot(temp.dir);
  const root = path.join(base, 'root');
  const outside = path.join(base, 'outside');
  await mkdir(path.join(root, 'src'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  await writeFile(path.join(outside, 'secret.txt'), 'do not read\n');
  await symlink(path.join(root, 'src', 'a.ts'), path.join(root, 'link-to-inside-file'));
  await symlink(path.join(root, 'src'), path.join(root, 'link-to-inside-dir'));
  await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link-to-outside-file'));
  await symlink(outside, path.join(root, 'link-to-outside-dir'));
  await symlink(path.join(base, 'root'), path.join(base, 'root-alias'));
  await mkdir(path.join(base, 'root-sibling', 'src'), { recursive: true });
  await symlink(path.join(outside, 'missing.txt'), path.join(root, 'dangling-outside'));
  await symlink(path.join(root, 'src', 'missing.ts'), path.join(root, 'dangling-inside'));
  return { base, root: canonicalRoot(root), outside, remove: temp.remove };
}
