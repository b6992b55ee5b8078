// `validate`: runs the project's validation recipe (tasks.validate_recipe, default agent-validate)
// and says whether it passed and, when it failed, which step. Used by the `validate` tool and by
// `refactor`, which keeps a change only when this passes.
import { readFile } from 'node:fs/promises';
import { type CallContext, ToolError } from '@tandem/shared';
import type { ValidateOutput } from '@tandem/shared/schemas';
import type { OrchestratorServices } from '../tools/define.js';
import { arity, usage } from './arguments.js';
import { recogniseFailingStep } from './failing-step.js';
import { loadJustfile, requireJust } from './justfile.js';
import { resolveTimeout, runRecipe } from './run-recipe.js';

/** Lines of output a validation result carries. */
export const VALIDATE_TAIL_LINES = 40;

export interface ValidationOptions {
  /** Seconds before the recipe's process tree is killed; default tasks.timeout_s, at most tasks.max_timeout_s. */
  timeoutS?: number;
}

export async function runValidation(
  context: CallContext<OrchestratorServices>,
  options: ValidationOptions = {},
): Promise<ValidateOutput> {
  const { services, root, signal } = context;
  const binary = requireJust(services.just);
  const recipeName = services.config.tasks.validate_recipe;
  const timeoutS = resolveTimeout(options.timeoutS, services.config);
  const justfile = await loadJustfile(binary, root, signal);
  const recipe = justfile.recipes.get(recipeName);
  if (!recipe) {
    throw new ToolError(`The justfile has no "${recipeName}" recipe to validate with.`, {
      hint:
        `Add a recipe named ${recipeName} to the justfile that runs the project's checks (tests, type check, lint), ` +
        'or set tasks.validate_recipe in .tandem/config.yaml to an existing recipe.',
    });
  }
  if (arity(recipe).min > 0) {
    throw new ToolError(`The validation recipe "${recipeName}" needs arguments (${usage(recipe)}).`, {
      hint: 'Give its parameters defaults: validate runs it without arguments.',
    });
  }
  const run = await runRecipe(context, {
    binary: binary.path,
    justfile: justfile.path,
    recipe: recipeName,
    args: [],
    timeoutS,
  });
  const passed = run.exit_code === 0 && !run.timed_out;
  let failing_step: ValidateOutput['failing_step'] = null;
  if (!passed) {
    const justfileLines = (await readFile(justfile.path, 'utf8').catch(() => '')).split('\n');
    failing_step = recogniseFailingStep(run.output, justfileLines);
    if (run.timed_out) {
      failing_step = {
        ...failing_step,
        summary: `Timed out after ${timeoutS} s.\n${failing_step.summary}`.trim(),
      };
    }
  }
  return {
    passed,
    recipe: recipeName,
    exit_code: run.exit_code,
    signal: run.signal,
    duration_ms: run.duration_ms,
    timed_out: run.timed_out,
    failing_step,
    tail: run.tailLines.slice(-VALIDATE_TAIL_LINES).join('\n'),
    output_lines: run.output_lines,
    output_bytes: run.output_bytes,
  };
}
