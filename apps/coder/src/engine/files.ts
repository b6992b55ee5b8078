// Which files a search, rewrite, syntax check or secret scan looks at: the given paths (default the
// root), filtered by globs, with .gitignore/.ignore rules and hidden files handled the way the
// ast-grep CLI does by default. Written here because the CLI's walker (the `ignore` crate) is not
// reachable from napi in a form that also feeds our tree cache; node-ignore supplies the gitignore
// semantics, picomatch the globs.
import type { Dirent } from 'node:fs';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolveInRoot, ToolError } from '@tandem/shared';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { ATOMIC_TEMP_NAME } from './source-file.js';

export interface WalkOptions {
  /** Canonical workspace root. */
  root: string;
  /** Files or directories relative to the root; default the root itself. */
  paths?: readonly string[];
  /** Globs relative to the root; a leading `!` excludes. A file must match one include (if any) and no exclude. */
  globs?: readonly string[];
  includeIgnored?: boolean;
  includeHidden?: boolean;
  /** Walking stops after this many files and says so. */
  maxFiles?: number;
  signal?: AbortSignal;
}

export interface WalkResult {
  /** Root-relative, `/`-separated, sorted. */
  files: string[];
  /** Files left out by gitignore rules, hidden names or globs; counted so "nothing scanned" can say why. */
  excluded: { ignored: number; hidden: number; globs: number };
  /** True when maxFiles stopped the walk. */
  truncated: boolean;
  /** Temporary files of atomic writes met on the way (never in `files`): a killed writer's leftovers. */
  atomicTemps: string[];
}

const IGNORE_FILES = ['.gitignore', '.ignore'];
const DEFAULT_MAX_FILES = 100_000;

interface Scope {
  /** Directory (root-relative, '' for the root) whose ignore files built `matcher`. */
  base: string;
  matcher: Ignore;
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function relativeTo(base: string, file: string): string {
  return base === '' ? file : file.slice(base.length + 1);
}

function readIgnoreFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function scopeFor(root: string, dir: string): Scope | undefined {
  const contents: string[] = [];
  if (dir === '') {
    const exclude = readIgnoreFile(path.join(root, '.git', 'info', 'exclude'));
    if (exclude) contents.push(exclude);
  }
  for (const name of IGNORE_FILES) {
    const text = readIgnoreFile(path.join(root, dir, name));
    if (text) contents.push(text);
  }
  if (contents.length === 0) return undefined;
  return { base: dir, matcher: ignore().add(contents.join('\n')) };
}

function isIgnored(scopes: readonly Scope[], file: string, isDir: boolean): boolean {
  // Deeper ignore files come later and win, as in git: the last scope with an opinion decides.
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    const scope = scopes[i] as Scope;
    const rel = relativeTo(scope.base, file) + (isDir ? '/' : '');
    const verdict = scope.matcher.test(rel);
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

function globFilter(globs: readonly string[] | undefined): ((file: string) => boolean) | undefined {
  if (!globs || globs.length === 0) return undefined;
  const includes = globs.filter((glob) => !glob.startsWith('!'));
  const excludes = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  for (const glob of globs) {
    const bare = glob.replace(/^!/, '');
    if (bare.startsWith('/') || bare.split('/').includes('..')) {
      throw new ToolError(`Glob "${glob}" reaches outside the workspace root.`, {
        hint: 'Write globs relative to the root, e.g. "src/**/*.ts".',
      });
    }
  }
  // A glob without a slash matches the file name anywhere, as in .gitignore and the ast-grep CLI.
  const options = { dot: true };
  // A glob whose regex V8 will not build (tens of thousands of characters) throws a SyntaxError,
  // from picomatch or on the first match: a bad argument, not a server failure, so a ToolError.
  const compile = (list: string[]) =>
    list.map((glob) => {
      try {
        const test = picomatch(glob.includes('/') ? glob : `**/${glob}`, options);
        test('probe'); // V8 builds the regex on its first use, so a too-large one fails here
        return test;
      } catch (error) {
        const shown = glob.length > 80 ? `${glob.slice(0, 80)}… (${glob.length} characters)` : glob;
        throw new ToolError(
          `Glob "${shown}" cannot be compiled: ${(error as Error).message.split(': ').pop()}.`,
          {
            hint: 'Use a shorter glob, e.g. "src/**/*.ts".',
          },
        );
      }
    });
  const include = compile(includes);
  const exclude = compile(excludes);
  return (file) =>
    (include.length === 0 || include.some((test) => test(file))) && !exclude.some((test) => test(file));
}

/** Root-relative scopes of every ignore file on the way from the root down to `dir`. */
function scopesDownTo(root: string, dir: string): Scope[] {
  const scopes: Scope[] = [];
  const parts = dir === '' ? [] : dir.split('/');
  for (let depth = 0; depth <= parts.length; depth += 1) {
    const scope = scopeFor(root, parts.slice(0, depth).join('/'));
    if (scope) scopes.push(scope);
  }
  return scopes;
}

export async function walkFiles(options: WalkOptions): Promise<WalkResult> {
  const { root } = options;
  const maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
  const accept = globFilter(options.globs);
  const found = new Set<string>();
  const atomicTemps: string[] = [];
  const excluded = { ignored: 0, hidden: 0, globs: 0 };
  let truncated = false;
  let visited = 0;

  const consider = (file: string) => {
    if (accept && !accept(file)) {
      excluded.globs += 1;
      return;
    }
    if (found.size >= maxFiles) {
      truncated = true;
      return;
    }
    found.add(file);
  };

  const walkDir = async (dir: string, scopes: Scope[]): Promise<void> => {
    if (truncated) return;
    options.signal?.throwIfAborted();
    // Synchronous directory reads, yielding every few hundred directories: several times faster
    // than promise-based reads for the many small directories of a source tree.
    if (++visited % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(root, dir), { withFileTypes: true });
    } catch {
      return; // unreadable directory: skipped, as the CLI does
    }
    const own = options.includeIgnored ? undefined : scopeFor(root, dir);
    const active = own ? [...scopes, own] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const isDir = entry.isDirectory();
      // Symbolic links are not followed, as in the CLI: they could lead out of the root or loop.
      if (!isDir && !entry.isFile()) continue;
      // Half-written content of a rewrite, never source: not even include_hidden shows it.
      if (!isDir && ATOMIC_TEMP_NAME.test(entry.name)) {
        atomicTemps.push(rel);
        continue;
      }
      if (!options.includeHidden && entry.name.startsWith('.')) {
        if (!isDir) excluded.hidden += 1;
        continue;
      }
      if (!options.includeIgnored && isIgnored(active, rel, isDir)) {
        if (!isDir) excluded.ignored += 1;
        continue;
      }
      if (isDir) await walkDir(rel, active);
      else consider(rel);
    }
  };

  const starts = options.paths && options.paths.length > 0 ? options.paths : ['.'];
  for (const start of starts) {
    const resolved = resolveInRoot(root, start, 'paths');
    let info: ReturnType<typeof statSync> | undefined;
    try {
      info = statSync(resolved.absolute);
    } catch {
      info = undefined;
    }
    if (!info) {
      throw new ToolError(`No file or directory at "${start}".`, {
        hint: 'Give paths relative to the workspace root.',
      });
    }
    const rel = toPosix(resolved.relative === '.' ? '' : resolved.relative);
    if (info.isFile()) {
      // A file named explicitly is always looked at, ignored or hidden, but globs still filter it.
      consider(rel);
    } else if (info.isDirectory()) {
      const parent = rel === '' ? [] : scopesDownTo(root, rel.split('/').slice(0, -1).join('/'));
      await walkDir(rel, options.includeIgnored ? [] : parent);
    }
  }
  return { files: [...found].sort(), excluded, truncated, atomicTemps };
}
