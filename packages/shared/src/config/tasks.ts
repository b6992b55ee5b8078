// The `tasks` section: which just recipes agents may run, which one validates a change, and how long
// a recipe may take. Recipe names are matched exactly: a listed name never allows a longer one.
import { z } from 'zod';

/** No task runs longer than this, whatever the config says: the tools' own call timeouts sit above it. */
export const TASK_TIMEOUT_CEILING_S = 3600;
export const DEFAULT_TASK_TIMEOUT_S = 600;
export const DEFAULT_MAX_TASK_TIMEOUT_S = 1800;
export const DEFAULT_VALIDATE_RECIPE = 'agent-validate';
/** Every recipe whose name starts with this is allowed without being listed. */
export const AGENT_RECIPE_PREFIX = 'agent-';

/** A recipe name as just accepts it on the command line (no module paths). */
export const recipeName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a recipe name: letters, digits, "_" or "-"');

const seconds = z.number().int().min(1).max(TASK_TIMEOUT_CEILING_S);

export const tasksSection = z
  .strictObject({
    allow: z
      .array(recipeName)
      .default([])
      .describe('Recipes agents may run besides every agent-* recipe; exact names, no prefixes or globs'),
    validate_recipe: recipeName
      .default(DEFAULT_VALIDATE_RECIPE)
      .describe('The recipe `validate` runs; always runnable by callers allowed to validate'),
    timeout_s: seconds
      .optional()
      .describe(
        `Timeout of a task when the call gives none; default ${DEFAULT_TASK_TIMEOUT_S}, or max_timeout_s when lower`,
      ),
    max_timeout_s: seconds
      .default(DEFAULT_MAX_TASK_TIMEOUT_S)
      .describe(`Longest timeout a call may ask for (at most ${TASK_TIMEOUT_CEILING_S})`),
  })
  .refine((tasks) => tasks.timeout_s === undefined || tasks.timeout_s <= tasks.max_timeout_s, {
    message: 'must not exceed max_timeout_s',
    path: ['timeout_s'],
  })
  .transform((tasks) => ({
    ...tasks,
    timeout_s: tasks.timeout_s ?? Math.min(DEFAULT_TASK_TIMEOUT_S, tasks.max_timeout_s),
  }));

export type TasksConfig = z.output<typeof tasksSection>;
