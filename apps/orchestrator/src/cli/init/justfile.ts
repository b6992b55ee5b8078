// The `agent-validate` recipe: appended to an existing justfile that has none, or a new justfile. The
// body runs the checks the project appears to have; with none found it fails and says so, because a
// recipe that passes without checking anything would tell the agent a broken change is fine.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findJust } from '../../tasks/just-binary.js';
import { InitRefusal } from './plan.js';

export const RECIPE = 'agent-validate';

/** The justfile just would use in `dir` (any capitalization of "justfile", or ".justfile"). */
export function findJustfile(dir: string): string | undefined {
  const names = readdirSync(dir).filter((name) => ['justfile', '.justfile'].includes(name.toLowerCase()));
  const name = names.find((n) => n.toLowerCase() === 'justfile') ?? names[0];
  return name === undefined ? undefined : path.join(dir, name);
}

/**
 * Whether the justfile (with its imports and modules) defines the recipe. just itself answers when it
 * is installed; otherwise recipe headers are matched by name, which misses only imported recipes.
 */
export async function hasRecipe(justfile: string, text: string, rel: string): Promise<boolean> {
  const just = findJust();
  if (!just) return new RegExp(`^@?${RECIPE}(?=[\\s:*+$])[^\\n]*?:(?!=)`, 'm').test(text);
  try {
    const { stdout } = await promisify(execFile)(
      just.path,
      [
        '--justfile',
        justfile,
        '--working-directory',
        path.dirname(justfile),
        '--dump',
        '--dump-format',
        'json',
      ],
      { timeout: 10_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const dump = JSON.parse(stdout) as { recipes?: Record<string, unknown> };
    return Object.hasOwn(dump.recipes ?? {}, RECIPE);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? (error as Error).message).trim();
    throw new InitRefusal(
      `${rel}: just cannot read it, so the recipe was not added:\n${stderr}`,
      `Fix ${rel} (\`just --list\` shows the problem), then run tandem init again.`,
    );
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** npm's placeholder test script fails by design; it is not a check. */
const NPM_PLACEHOLDER = /no test specified/;

/** The recipe's commands, guessed from the project's manifests. */
export function guessChecks(dir: string): string[] {
  const commands: string[] = [];
  const pkg = readJson(path.join(dir, 'package.json'));
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  const runner = existsSync(path.join(dir, 'pnpm-lock.yaml'))
    ? 'pnpm run'
    : existsSync(path.join(dir, 'yarn.lock'))
      ? 'yarn run'
      : 'npm run';
  for (const script of ['typecheck', 'lint', 'test']) {
    const body = scripts[script];
    if (typeof body === 'string' && !NPM_PLACEHOLDER.test(body)) commands.push(`${runner} ${script}`);
  }
  if (existsSync(path.join(dir, 'pyproject.toml'))) commands.push('python -m pytest');
  if (existsSync(path.join(dir, 'Cargo.toml'))) commands.push('cargo test');
  if (existsSync(path.join(dir, 'go.mod'))) commands.push('go test ./...');
  return commands;
}

export function recipeText(checks: string[]): string {
  const body =
    checks.length > 0
      ? checks
      : [
          `@echo "${RECIPE}: no checks yet. Put this project's tests, lint and typecheck in the justfile." >&2`,
          '@exit 1',
        ];
  return `# Tandem's validation: the checks an agent's change must pass (tasks.validate_recipe).
${RECIPE}:
${body.map((line) => `    ${line}`).join('\n')}
`;
}

/** Existing text with the recipe appended after a blank line. */
export function appendRecipe(before: string, recipe: string): string {
  if (before.trim() === '') return recipe;
  const ending = before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  return `${before}${ending}${recipe}`;
}
