// The path-escape fixture: a workspace with a directory beside it ("outside") holding sentinel
// content, symlinks from the root out (to a file and to a directory) and from outside in, and the
// corpus of paths and globs that try to get there. `snapshot` records everything outside the root
// so a test can tell that nothing there was written.
import { createHash, randomBytes } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fakeAwsKeyId } from './git-repo.js';

export interface EscapeFixture {
  /** The parent of the root: the root and `outside` live here. */
  parent: string;
  outside: string;
  /** Unique text written only outside the root; it must never appear in any reply. */
  sentinel: string;
  /** A secret-shaped value written only outside the root, for scan_secrets. */
  secret: string;
  /** Unique text written inside the root, to show that replies do carry file contents. */
  control: string;
}

/** Creates `outside` beside `root` and the symlinks between them. */
export function makeEscapeFixture(root: string): EscapeFixture {
  const parent = path.dirname(root);
  const outside = path.join(parent, 'outside');
  const token = randomBytes(8).toString('hex');
  const sentinel = `outside_sentinel_${token}`;
  const control = `inside_control_${token}`;
  const secret = fakeAwsKeyId();
  mkdirSync(path.join(outside, 'dir'), { recursive: true });
  const leaky = `export const SENTINEL = "${sentinel}";\nexport const KEY = "${secret}";\n`;
  writeFileSync(path.join(outside, 'secret.ts'), leaky);
  writeFileSync(path.join(outside, 'dir', 'inner.ts'), leaky);
  writeFileSync(path.join(outside, 'notes.md'), `# ${sentinel}\n\naws_access_key_id = ${secret}\n`);
  writeFileSync(path.join(root, 'src', 'control.ts'), `export const CONTROL = "${control}";\n`);
  symlinkSync(path.join(outside, 'secret.ts'), path.join(root, 'link-file.ts'));
  symlinkSync(outside, path.join(root, 'link-dir'));
  symlinkSync('../../outside/secret.ts', path.join(root, 'src', 'link-rel.ts'));
  symlinkSync(path.join(root, 'src'), path.join(outside, 'in-link'));
  symlinkSync('loop-b', path.join(root, 'loop-a'));
  symlinkSync('loop-a', path.join(root, 'loop-b'));
  return { parent, outside, sentinel, secret, control };
}

/** Paths that try to leave the root, or to reach outside through it. */
export function escapePaths(fixture: EscapeFixture): string[] {
  const { parent, outside } = fixture;
  return [
    '..',
    '../',
    '../..',
    '../outside',
    '../outside/secret.ts',
    '../outside/dir',
    '../../etc/passwd',
    '/etc/passwd',
    '/etc',
    '/proc/self/environ',
    '/proc/self/cwd/../outside/secret.ts',
    parent,
    outside,
    path.join(outside, 'secret.ts'),
    path.join(outside, 'in-link', 'ledger.ts'),
    '../outside/in-link/ledger.ts',
    'link-file.ts',
    'link-dir',
    'link-dir/',
    'link-dir/secret.ts',
    'link-dir/dir/inner.ts',
    'src/link-rel.ts',
    'src/../../outside/secret.ts',
    'src/../link-dir/secret.ts',
    'src/ledger.ts\0../../outside/secret.ts',
    '../outside/secret.ts\0',
    '\0',
    '．．/outside/secret.ts',
    '\uff0e\uff0e/\uff0e\uff0e/etc/passwd',
    '\u2024\u2024/outside/secret.ts',
    '..\u202e/outside/secret.ts',
    '.\u0307./outside/secret.ts',
    'src/cafe\u0301/../../../outside/secret.ts',
    'src/caf\u00e9/../../../outside/secret.ts',
    '%2e%2e/outside/secret.ts',
    '..%2foutside%2fsecret.ts',
    '..\\outside\\secret.ts',
    'src\\..\\..\\outside\\secret.ts',
    '~',
    '~/',
    '~/../../etc/passwd',
    'file:///etc/passwd',
    '//etc/passwd',
    './../outside/secret.ts',
    'src/./../.././outside',
    'loop-a',
    'loop-a/secret.ts',
  ];
}

/** Globs that try to match outside the root. */
export const ESCAPE_GLOBS = [
  '../**',
  '../outside/**',
  '../*/secret.ts',
  '/etc/*',
  '/**/secret.ts',
  'link-dir/**',
  'link-dir/*',
  '**/secret.ts',
  '**/inner.ts',
  '**',
  '{..,.}/**',
  '..?**',
  '.*/**',
  '**/../../outside/**',
  '．．/**',
  '%2e%2e/**',
  '..\\**',
  '~/**',
];

/** Segments the generated paths are made of: relative climbs in many spellings, names outside, links. */
export const ESCAPE_SEGMENTS = [
  '..',
  '.',
  '．．',
  '\u2024\u2024',
  '%2e%2e',
  '..\\..',
  '~',
  'outside',
  'secret.ts',
  'link-dir',
  'link-file.ts',
  'src',
  'in-link',
  'dir',
  '\0',
  '',
];

export interface Entry {
  type: string;
  size: number;
  mtimeMs: number;
  /** Content hash of a file, target of a symlink. */
  content: string;
}

/** Every entry under `dir` (recursively, symlinks not followed), skipping the root itself. */
export function snapshot(dir: string, skip: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name);
      if (full === skip) continue;
      const stat = lstatSync(full);
      let content = '';
      if (stat.isSymbolicLink()) content = readlinkSync(full);
      else if (stat.isFile()) content = createHash('sha256').update(readFileSync(full)).digest('hex');
      const type = stat.isSymbolicLink() ? 'symlink' : stat.isDirectory() ? 'dir' : 'file';
      entries.set(full, { type, size: stat.size, mtimeMs: stat.mtimeMs, content });
      if (type === 'dir') walk(full);
    }
  };
  walk(dir);
  return entries;
}

/** What changed between two snapshots, one line per entry; empty when nothing did. */
export function changes(before: Map<string, Entry>, after: Map<string, Entry>): string[] {
  const lines: string[] = [];
  for (const [file, entry] of after) {
    const old = before.get(file);
    if (!old) lines.push(`new ${entry.type} ${file}`);
    else if (JSON.stringify(old) !== JSON.stringify(entry))
      lines.push(`changed ${file}: ${JSON.stringify(old)} -> ${JSON.stringify(entry)}`);
  }
  for (const file of before.keys()) if (!after.has(file)) lines.push(`removed ${file}`);
  return lines;
}
