// Schemas of ast_rewrite.
import { z } from 'zod';
import { matchPosition, searchScope } from './search.js';

export const astRewriteInput = z.object({
  pattern: z.string().max(10_000).optional().describe('ast-grep pattern to replace'),
  rule: z
    .string()
    .max(100_000)
    .optional()
    .describe('ast-grep rule (YAML or JSON); its `fix` is the default rewrite'),
  rewrite: z
    .string()
    .max(100_000)
    .optional()
    .describe('Replacement; $A, $$$A insert captures, re-indented like the ast-grep CLI'),
  language: z.string().optional(),
  ...searchScope,
  apply: z
    .boolean()
    .default(false)
    .describe('false: dry run with diffs and change ids; true: write the changes'),
  change_ids: z
    .array(z.string().max(64))
    .max(10_000)
    .optional()
    .describe('Apply: ids from the dry run (a change "k:n" or a whole file "k")'),
  expected_count: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Apply: refuse unless exactly this many changes'),
  allow_syntax_errors: z
    .boolean()
    .default(false)
    .describe('Write files even when the rewrite adds syntax errors'),
  max_diff_chars: z
    .number()
    .int()
    .min(1000)
    .max(500_000)
    .default(60_000)
    .describe('Diff text returned, in all'),
});

export const rewriteChange = z.object({
  id: z.string(),
  ...matchPosition,
  before: z.string().describe('Matched text (cut when long)'),
  after: z.string().describe('Its replacement (cut when long)'),
});

export const rewriteFile = z.object({
  file: z.string(),
  file_id: z.string().describe('Change id of every change in this file'),
  change_count: z.number().int(),
  changes: z.array(rewriteChange).describe('The first changes; file_id covers them all'),
  syntax_errors_before: z
    .number()
    .int()
    .optional()
    .describe('Counted when the rewritten file has errors: a clean result cannot have added any'),
  syntax_errors_after: z.number().int(),
  refused: z.string().optional().describe('Why this file would not be written'),
  diff: z.string().optional().describe('Unified diff; absent when over max_diff_chars'),
});

export const astRewriteOutput = z.object({
  outcome: z.enum(['changes', 'applied', 'no_matches', 'nothing_scanned']),
  dry_run: z.boolean(),
  files: z.array(rewriteFile),
  total_changes: z.number().int().describe('Changes proposed (dry run) or written (apply)'),
  files_changed: z.number().int(),
  overlapping: z
    .array(z.object({ file: z.string(), ...matchPosition, inside_change: z.string() }))
    .describe('Matches left out because an earlier match already covers them'),
  files_scanned: z.number().int(),
  diff_truncated: z.boolean(),
  hints: z.array(z.string()),
});
