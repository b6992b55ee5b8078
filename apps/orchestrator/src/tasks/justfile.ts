// Reads the project's recipes from `just --dump --dump-format json`: what the justfile declares, not
// what `just --list` prints, so parameters and how each is used in the recipe body are known.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ToolError } from '@tandem/shared';
import type { TaskParameter } from '@tandem/shared/schemas';
import type { JustBinary } from './just-binary.js';

export interface Recipe {
  name: string;
  doc: string | null;
  parameters: RecipeParameter[];
}

export interface RecipeParameter extends TaskParameter {
  /** Declared as a recipe option (`[arg(..., long=...)]`): just parses `-x`/`--x` arguments for it. */
  option: boolean;
}

export interface Justfile {
  /** Absolute path of the justfile in the root. */
  path: string;
  /** Public recipes (not `_x` nor `[private]`), by name, in the dump's order. */
  recipes: Map<string, Recipe>;
}

export const JUST_MISSING_HINT =
  'Install just: `npm i -g rust-just`, `nix-shell -p just`, `cargo install just`, or your package manager ' +
  '(apt install just, brew install just); then restart the orchestrator so it finds it on PATH.';

export function requireJust(binary: JustBinary | undefined): JustBinary {
  if (binary) return binary;
  throw new ToolError('just is not installed: no `just` binary on PATH and no rust-just package.', {
    hint: JUST_MISSING_HINT,
  });
}

/** The names just itself looks for, in its order. */
const JUSTFILE_NAME = /^\.?justfile$/i;

/**
 * The justfile in the root itself. just would search parent directories too; a workspace's tasks
 * must come from the workspace, so the file is found here and handed to just with --justfile.
 */
export async function findJustfile(root: string): Promise<string> {
  const entries = await readdir(root, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && JUSTFILE_NAME.test(entry.name))
    .map((entry) => entry.name);
  // `justfile` before `.justfile`, as just prefers it.
  names.sort((a, b) => Number(a.startsWith('.')) - Number(b.startsWith('.')) || a.localeCompare(b));
  const name = names[0];
  if (!name) {
    throw new ToolError(`No justfile in ${root}.`, {
      hint: 'Add a `justfile` at the workspace root with the recipes agents may run (e.g. `agent-validate`).',
    });
  }
  return path.join(root, name);
}

/** Arguments that point just at the workspace's justfile and root, before any recipe. */
export function justfileArgs(justfile: string, root: string): string[] {
  return ['--justfile', justfile, '--working-directory', root];
}

export async function loadJustfile(binary: JustBinary, root: string, signal: AbortSignal): Promise<Justfile> {
  const justfile = await findJustfile(root);
  const { execa } = await import('execa');
  const result = await execa(
    binary.path,
    [...justfileArgs(justfile, root), '--dump', '--dump-format', 'json'],
    {
      cwd: root,
      reject: false,
      stdin: 'ignore',
      timeout: 30_000,
      cancelSignal: signal,
      env: { NO_COLOR: '1' },
    },
  );
  signal.throwIfAborted();
  if (result.exitCode !== 0) {
    throw new ToolError(`just could not read ${path.basename(justfile)}: ${String(result.stderr).trim()}`, {
      hint: 'Fix the justfile so that `just --list` works.',
    });
  }
  return { path: justfile, recipes: parseDump(JSON.parse(String(result.stdout))) };
}

interface DumpParameter {
  name: string;
  default: unknown;
  export: boolean;
  kind: 'singular' | 'plus' | 'star';
  long?: string | null;
  short?: string | null;
  flag?: boolean;
}

interface DumpRecipe {
  name: string;
  doc: string | null;
  private: boolean;
  attributes: unknown[];
  body: unknown[][];
  dependencies: { arguments: unknown[] }[];
  parameters: DumpParameter[];
}

interface Dump {
  recipes: Record<string, DumpRecipe>;
  settings: { export?: boolean };
}

export function parseDump(dump: Dump): Map<string, Recipe> {
  const recipes = new Map<string, Recipe>();
  for (const recipe of Object.values(dump.recipes)) {
    if (isPrivate(recipe)) continue;
    const interpolated = interpolatedVariables(recipe);
    recipes.set(recipe.name, {
      name: recipe.name,
      doc: recipe.doc,
      parameters: recipe.parameters.map((parameter) => ({
        name: parameter.name,
        default: renderDefault(parameter.default),
        kind: parameter.kind,
        exported: parameter.export || dump.settings.export === true,
        interpolated: interpolated.has(parameter.name),
        option: Boolean(parameter.long || parameter.short || parameter.flag),
      })),
    });
  }
  return recipes;
}

function isPrivate(recipe: DumpRecipe): boolean {
  return recipe.private || recipe.name.startsWith('_') || recipe.attributes.includes('private');
}

/** A default as the justfile writes it: a string literal as is, an expression in just's syntax-ish form. */
function renderDefault(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value[0] === 'evaluate' && typeof value[1] === 'string')
    return `\`${value[1]}\``;
  return JSON.stringify(value);
}

/**
 * Variables the recipe writes into its command text: `{{name}}` in a line or shebang body, or passed
 * on to a dependency (which may interpolate it). just substitutes these textually before the shell
 * runs the line, so their values are shell code. `quote(name)` counts too: inside "…" it would not
 * protect anything.
 */
function interpolatedVariables(recipe: DumpRecipe): Set<string> {
  const names = new Set<string>();
  for (const line of recipe.body) {
    for (const fragment of line) if (typeof fragment !== 'string') collectVariables(fragment, names);
  }
  for (const dependency of recipe.dependencies) collectVariables(dependency.arguments, names);
  return names;
}

function collectVariables(expression: unknown, names: Set<string>): void {
  if (!Array.isArray(expression)) return;
  if (expression[0] === 'variable' && typeof expression[1] === 'string') {
    names.add(expression[1]);
    return;
  }
  for (const part of expression) collectVariables(part, names);
}
