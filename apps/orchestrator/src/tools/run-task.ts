import { recipeName, TASK_TIMEOUT_CEILING_S, ToolError } from '@tandem/shared';
import { runTaskInput, runTaskOutput } from '@tandem/shared/schemas';
import { checkArguments } from '../tasks/arguments.js';
import { closeNames } from '../tasks/close-names.js';
import { loadJustfile, requireJust } from '../tasks/justfile.js';
import { ALLOW_HINT, recipeVerdict } from '../tasks/policy.js';
import { resolveTimeout, runRecipe } from '../tasks/run-recipe.js';
import { defineOrchestratorTool } from './define.js';

export const runTask = defineOrchestratorTool({
  name: 'run_task',
  title: 'Run task',
  description:
    'Runs an allowed just recipe (see list_tasks) with arguments passed literally, no shell; returns exit code and output.',
  input: runTaskInput,
  output: runTaskOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
    runsCommands: true,
  },
  // Above the longest task timeout the config can allow, so the task's own timeout (which kills its
  // process tree and still returns the output) always fires before the seam's.
  timeoutMs: (TASK_TIMEOUT_CEILING_S + 60) * 1000,
  async handler(args, context) {
    const { services, root, signal } = context;
    const binary = requireJust(services.just);
    if (!recipeName.safeParse(args.recipe).success) {
      throw new ToolError(`"${args.recipe}" is not a recipe name.`, {
        hint: 'Recipe names are letters, digits, "_" and "-"; list_tasks shows them.',
      });
    }
    const timeoutS = resolveTimeout(args.timeout_s, services.config);
    const justfile = await loadJustfile(binary, root, signal);
    const recipe = justfile.recipes.get(args.recipe);
    if (!recipe) {
      const close = closeNames(args.recipe, justfile.recipes.keys());
      throw new ToolError(`No recipe "${args.recipe}" in the justfile.`, {
        hint:
          close.length > 0
            ? `Did you mean: ${close.join(', ')}? list_tasks shows them all.`
            : 'list_tasks shows the recipes.',
      });
    }
    const verdict = recipeVerdict(recipe.name, services.config.tasks);
    if (!verdict.allowed) {
      throw new ToolError(`Recipe "${recipe.name}" may not be run by agents: ${verdict.reason}.`, {
        hint: ALLOW_HINT,
      });
    }
    checkArguments(recipe, args.args);
    const { tailLines: _tail, ...run } = await runRecipe(context, {
      binary: binary.path,
      justfile: justfile.path,
      recipe: recipe.name,
      args: args.args,
      timeoutS,
    });
    const outcome = run.timed_out
      ? `timed out after ${timeoutS} s (process tree killed)`
      : run.exit_code === null
        ? `killed by ${run.signal}`
        : `exit code ${run.exit_code}`;
    const text = [
      `just ${[recipe.name, ...args.args].join(' ')}: ${outcome} in ${run.duration_ms} ms; ${run.output_lines} lines, ${run.output_bytes} bytes`,
      run.output,
    ].join('\n');
    return { structured: run, text };
  },
});
