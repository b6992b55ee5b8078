// The `refactor` tool: a structural rewrite through the coder as one transaction (dry run, policy,
// backup, apply, validation, restore).
import { z } from 'zod';
import { astRewriteInput, astRewriteOutput, rewriteFile } from '../coder/rewrite.js';
import { validateOutput } from './tasks.js';

export const refactorInput = astRewriteInput.omit({ apply: true, allow_syntax_errors: true }).extend({
  dry_run: z
    .boolean()
    .default(true)
    .describe('true: show the diff and change ids, write nothing; false: apply, validate, keep or roll back'),
  validate: z
    .boolean()
    .default(true)
    .describe("Run the project's validation after applying; a failure restores every touched file"),
  change_ids: astRewriteInput.shape.change_ids.describe(
    'Apply exactly these ids of an earlier dry run (file ids or "file:n"); refused when those files changed since',
  ),
  expected_count: astRewriteInput.shape.expected_count.describe(
    'Refuse unless exactly this many changes would be applied',
  ),
});

export const restoredFile = z.object({
  file: z.string(),
  rewritten: z.boolean().describe('false when the file already had its original bytes'),
  sha256: z.string().describe('Hash of the original bytes, which the file has again'),
  verified: z.boolean().describe('Read back after the restore and found byte-identical, mode included'),
});

export const refactorOutput = z.object({
  outcome: z.enum(['dry_run', 'kept', 'rolled_back', 'no_changes']),
  dry_run: z.boolean(),
  kept: z.boolean().describe('The change is in the working tree now'),
  files: z.array(rewriteFile).describe('Per file: diff, file id, changes (from the dry run, or as applied)'),
  change_ids: z
    .array(z.string())
    .describe('Dry run: the ids to pass back to apply exactly this; applied: the ids used'),
  total_changes: z.number().int(),
  files_changed: z.number().int(),
  overlapping: astRewriteOutput.shape.overlapping,
  diff_truncated: z.boolean(),
  validation: validateOutput
    .nullable()
    .describe('null when validation did not run (dry run, validate: false, or nothing applied)'),
  validation_error: z
    .string()
    .optional()
    .describe('Why validation could not run or finish; the change was rolled back'),
  restored: z.array(restoredFile).describe('Files put back to their bytes before the refactor'),
  protected_paths: z.array(z.string()).describe('Globs the policy refuses to write'),
  hints: z.array(z.string()),
  warnings: z
    .array(z.string())
    .optional()
    .describe(
      'Plan guardrails (advisory): loop steps skipped; or progress that could not be recorded on the plan',
    ),
});
