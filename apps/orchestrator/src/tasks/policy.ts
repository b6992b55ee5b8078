// Which recipes agents may run: every `agent-*` recipe, the configured validation recipe, and the
// names the config lists. Exact names only: `allow: [test]` does not allow `test-all`.
import { AGENT_RECIPE_PREFIX, type TasksConfig } from '@tandem/shared';

export type RecipeVerdict = { allowed: true } | { allowed: false; reason: string };

export function recipeVerdict(name: string, tasks: TasksConfig): RecipeVerdict {
  if (name.startsWith(AGENT_RECIPE_PREFIX) && name.length > AGENT_RECIPE_PREFIX.length)
    return { allowed: true };
  if (name === tasks.validate_recipe || tasks.allow.includes(name)) return { allowed: true };
  return {
    allowed: false,
    reason: `"${name}" is neither an ${AGENT_RECIPE_PREFIX}* recipe nor listed in tasks.allow of .tandem/config.yaml`,
  };
}

export const ALLOW_HINT =
  'Rename the recipe to start with "agent-", or list its exact name under `tasks: allow:` in .tandem/config.yaml ' +
  'and restart the orchestrator.';
