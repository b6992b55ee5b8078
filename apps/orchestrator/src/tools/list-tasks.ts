import path from 'node:path';
import { listTasksInput, listTasksOutput, type TaskRecipe } from '@tandem/shared/schemas';
import { loadJustfile, requireJust } from '../tasks/justfile.js';
import { recipeVerdict } from '../tasks/policy.js';
import { defineOrchestratorTool } from './define.js';

export const listTasks = defineOrchestratorTool({
  name: 'list_tasks',
  title: 'List tasks',
  description: "The justfile's recipes: doc, parameters, and whether you may run each with run_task.",
  input: listTasksInput,
  output: listTasksOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, context) {
    const { services, root, signal } = context;
    const justfile = await loadJustfile(requireJust(services.just), root, signal);
    const mayRun = context.permits('run_task');
    const recipes: TaskRecipe[] = [...justfile.recipes.values()].map((recipe) => {
      const verdict = recipeVerdict(recipe.name, services.config.tasks);
      const reason = !mayRun ? 'your role may not call run_task' : verdict.allowed ? null : verdict.reason;
      return {
        name: recipe.name,
        doc: recipe.doc,
        parameters: recipe.parameters.map(({ option: _option, ...parameter }) => parameter),
        runnable: reason === null,
        reason,
      };
    });
    const validateRecipe = services.config.tasks.validate_recipe;
    const structured = {
      justfile: path.relative(root, justfile.path),
      recipes,
      validate_recipe: validateRecipe,
      validate_recipe_present: justfile.recipes.has(validateRecipe),
    };
    const text = [
      ...recipes.map((recipe) => {
        const params = recipe.parameters
          .map(
            (p) =>
              `${p.kind === 'plus' ? '+' : p.kind === 'star' ? '*' : ''}${p.exported ? '$' : ''}${p.name}${p.default === null ? '' : `=${p.default}`}`,
          )
          .join(' ');
        const head = `${recipe.runnable ? '▶' : '·'} ${recipe.name}${params ? ` ${params}` : ''}`;
        return recipe.doc ? `${head}  # ${recipe.doc}` : head;
      }),
      `(▶ runnable with run_task; validate runs ${validateRecipe}${structured.validate_recipe_present ? '' : ', which is missing'})`,
    ].join('\n');
    return { structured, text };
  },
});
