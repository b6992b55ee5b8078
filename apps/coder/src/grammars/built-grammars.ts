// Grammars the coder's build compiles from C sources into apps/coder/grammars/<name>/: Nix (no
// @ast-grep/lang-nix exists, tree-sitter-nix ships only sources and a Node binding we do not use),
// and any @ast-grep/lang-* package without a parser for this platform. Each build leaves a record
// beside its library saying what it was built from, or why it could not be built.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRootOf } from '@tandem/shared';

export interface SourceGrammar {
  name: string;
  /** The npm package holding src/parser.c. */
  package: string;
  extensions: string[];
  languageSymbol: string;
  expandoChar: string;
}

export const SOURCE_GRAMMARS: readonly SourceGrammar[] = [
  // `$` cannot start a Nix identifier and `_` can, so `$X` reads as `_X` (ast-grep's choice too).
  {
    name: 'nix',
    package: 'tree-sitter-nix',
    extensions: ['nix'],
    languageSymbol: 'tree_sitter_nix',
    expandoChar: '_',
  },
];

/** apps/coder/grammars, from src/, dist/ or the bundle alike. */
export const GRAMMARS_DIR = path.join(packageRootOf(import.meta.url), 'grammars');

export const RECORD_FILE = 'build.json';
export const RECORD_FORMAT = 1;

export interface BuildRecord {
  format: number;
  name: string;
  /** What was compiled, e.g. "tree-sitter-nix@0.0.2". */
  from: string;
  ok: boolean;
  /** File name of the library inside the grammar's folder. */
  library?: string;
  language_symbol: string;
  /** Hash of the sources, the compiler and the flags: an unchanged hash means nothing to rebuild. */
  hash?: string;
  compiler?: string;
  seconds?: number;
  error?: string;
}

export type BuiltLibrary =
  | { ok: true; libraryPath: string; from: string }
  | { ok: false; from: string | undefined; error: string };

/** The library the build left for `name`, or why there is none. */
export function builtLibrary(name: string, grammarsDir = GRAMMARS_DIR): BuiltLibrary {
  const dir = path.join(grammarsDir, name);
  let record: BuildRecord;
  try {
    record = JSON.parse(readFileSync(path.join(dir, RECORD_FILE), 'utf8')) as BuildRecord;
  } catch {
    return {
      ok: false,
      from: undefined,
      error: `it has not been built (no ${path.join(dir, RECORD_FILE)}): run the coder's build (pnpm --filter @tandem/coder build)`,
    };
  }
  if (!record.ok || !record.library) {
    return { ok: false, from: record.from, error: record.error ?? 'its build failed' };
  }
  const libraryPath = path.join(dir, record.library);
  if (!existsSync(libraryPath)) {
    return {
      ok: false,
      from: record.from,
      error: `${libraryPath} is missing: run the coder's build (pnpm --filter @tandem/coder build)`,
    };
  }
  return { ok: true, libraryPath, from: record.from };
}
