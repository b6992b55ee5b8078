// The `list_tasks`, `run_task` and `validate` tools: the project's just recipes, run under a policy.
import { z } from 'zod';

export const taskParameter = z.object({
  name: z.string(),
  default: z.string().nullable().describe('The default as written in the justfile; null when required'),
  kind: z
    .enum(['singular', 'plus', 'star'])
    .describe('singular: one value; plus: one or more (+name); star: zero or more (*name)'),
  exported: z.boolean().describe('Exported to the recipe as an environment variable ($name)'),
  interpolated: z
    .boolean()
    .describe('Written into a shell line as {{name}}: arguments with shell metacharacters are refused'),
});

export const taskRecipe = z.object({
  name: z.string(),
  doc: z.string().nullable(),
  parameters: z.array(taskParameter),
  runnable: z.boolean().describe('Whether this caller may run it with run_task'),
  reason: z.string().nullable().describe('Why it is not runnable; null when it is'),
});

export const listTasksInput = z.object({});

export const listTasksOutput = z.object({
  justfile: z.string().describe('The justfile, relative to the root'),
  recipes: z.array(taskRecipe),
  validate_recipe: z.string().describe('The recipe `validate` runs'),
  validate_recipe_present: z.boolean(),
});

export const runTaskInput = z.object({
  recipe: z.string().describe('Recipe name as listed by list_tasks'),
  args: z
    .array(z.string())
    .default([])
    .describe('Arguments, one per parameter; never passed through a shell'),
  timeout_s: z.number().int().positive().optional().describe('Timeout in seconds; default from the config'),
});

const outputCut = z
  .object({
    omitted_lines: z.number().int(),
    omitted_bytes: z.number().int(),
  })
  .nullable()
  .describe('What was cut from the middle of the output; null when it is whole');

export const runTaskOutput = z.object({
  recipe: z.string(),
  args: z.array(z.string()),
  exit_code: z.number().int().nullable().describe('null when the process was killed by a signal'),
  signal: z.string().nullable(),
  duration_ms: z.number(),
  timed_out: z.boolean(),
  output: z
    .string()
    .describe('stdout and stderr interleaved, secrets redacted, cut in the middle when large'),
  output_lines: z.number().int().describe('Lines of the whole output'),
  output_bytes: z.number().int().describe('Bytes of the whole output'),
  cut: outputCut,
});

export const failingStep = z.object({
  kind: z.enum(['test', 'typecheck', 'lint', 'build', 'format', 'unknown']),
  tool: z.string().nullable().describe('The tool recognised in the output, e.g. vitest, tsc, biome'),
  summary: z.string().describe('The lines that say what failed'),
  recipe_line: z.number().int().nullable().describe('The justfile line just reported as failing'),
  command: z.string().nullable().describe('The recipe command that failed, when just named it'),
});

export const validateInput = z.object({
  timeout_s: z.number().int().positive().optional().describe('Timeout in seconds; default from the config'),
});

export const validateOutput = z.object({
  passed: z.boolean(),
  recipe: z.string(),
  exit_code: z.number().int().nullable(),
  signal: z.string().nullable(),
  duration_ms: z.number(),
  timed_out: z.boolean(),
  failing_step: failingStep.nullable().describe('null when passed or when nothing was recognised'),
  tail: z.string().describe('The last lines of the output, secrets redacted'),
  output_lines: z.number().int(),
  output_bytes: z.number().int(),
});

/** The `validate` tool's result: the validation and, additively, the plan's warnings. */
export const validateToolOutput = validateOutput.extend({
  warnings: z
    .array(z.string())
    .optional()
    .describe(
      'Plan guardrails (advisory): loop steps skipped; or progress that could not be recorded on the plan',
    ),
});

export type TaskParameter = z.output<typeof taskParameter>;
export type TaskRecipe = z.output<typeof taskRecipe>;
export type ListTasksOutput = z.output<typeof listTasksOutput>;
export type RunTaskInput = z.output<typeof runTaskInput>;
export type RunTaskOutput = z.output<typeof runTaskOutput>;
export type FailingStep = z.output<typeof failingStep>;
export type ValidateOutput = z.output<typeof validateOutput>;
