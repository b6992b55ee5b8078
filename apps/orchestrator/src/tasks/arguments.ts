// Checks run_task's arguments against the recipe before anything runs. The process gets them as
// separate arguments (no shell of ours), but two things can still turn an argument into code:
// just substitutes `{{param}}` into the recipe's lines textually, which its shell then parses, and an
// argument that looks like an option is read as one by just or by the recipe's commands.
import { ToolError } from '@tandem/shared';
import type { Recipe, RecipeParameter } from './justfile.js';

/**
 * Characters no shell gives a meaning to in a word: what may be interpolated into a recipe line.
 * Whitespace is excluded too, since unquoted it splits one argument into several.
 */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]*$/;
/** `-x`, `--x`: an option to just (recipe options) or to the command the recipe runs. A lone `-` and negative numbers are not. */
const OPTION_LIKE = /^-(?!$|\d+(\.\d+)?$)/;

export function arity(recipe: Recipe): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const parameter of recipe.parameters) {
    if (parameter.option) continue;
    if (parameter.kind === 'singular') {
      max += 1;
      if (parameter.default === null) min += 1;
    } else {
      max = Number.POSITIVE_INFINITY;
      if (parameter.kind === 'plus' && parameter.default === null) min += 1;
    }
  }
  return { min, max };
}

export function usage(recipe: Recipe): string {
  const parts = recipe.parameters.map((parameter) => {
    const sigil = parameter.kind === 'plus' ? '+' : parameter.kind === 'star' ? '*' : '';
    const dollar = parameter.exported ? '$' : '';
    return parameter.default === null
      ? `${sigil}${dollar}${parameter.name}`
      : `${sigil}${dollar}${parameter.name}=${parameter.default}`;
  });
  return [recipe.name, ...parts].join(' ');
}

/** The parameter each argument binds to, positionally (variadic parameters take the rest). */
function bind(recipe: Recipe, args: readonly string[]): (RecipeParameter | undefined)[] {
  const positional = recipe.parameters.filter((parameter) => !parameter.option);
  const bound: (RecipeParameter | undefined)[] = [];
  let index = 0;
  for (const _arg of args) {
    const parameter = positional[Math.min(index, positional.length - 1)];
    bound.push(parameter);
    if (parameter && parameter.kind === 'singular') index += 1;
  }
  return bound;
}

export function checkArguments(recipe: Recipe, args: readonly string[]): void {
  const { min, max } = arity(recipe);
  if (args.length < min || args.length > max) {
    const expected =
      max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    throw new ToolError(`Recipe "${recipe.name}" takes ${expected} argument(s), got ${args.length}.`, {
      hint: `Usage: ${usage(recipe)}`,
    });
  }
  const bound = bind(recipe, args);
  args.forEach((arg, index) => {
    const position = index + 1;
    if (OPTION_LIKE.test(arg)) {
      throw new ToolError(
        `Argument ${position} (${JSON.stringify(arg)}) looks like an option; options are not passed to recipes.`,
        {
          hint: 'just or the command in the recipe would read it as an option rather than as a value. Pass a value that does not start with "-".',
        },
      );
    }
    if (arg.includes('\0')) {
      throw new ToolError(`Argument ${position} contains a NUL character.`, { hint: 'Remove it.' });
    }
    const parameter = bound[index];
    if (parameter?.interpolated && !SHELL_SAFE.test(arg)) {
      throw new ToolError(
        `Argument ${position} (${JSON.stringify(arg)}) for parameter "${parameter.name}" of "${recipe.name}" has shell metacharacters or whitespace, and the recipe writes {{${parameter.name}}} into a shell line, where its shell would interpret them.`,
        {
          hint:
            `Pass a plain value (letters, digits and _@%+=:,./-), or change the recipe to take it literally: ` +
            `\`set positional-arguments\` and use "$1", or export the parameter (\`$${parameter.name}\`) and use "$${parameter.name}".`,
        },
      );
    }
  });
}
