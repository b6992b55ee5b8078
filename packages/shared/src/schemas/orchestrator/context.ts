// `get_codebase_context` (a Repomix pack of the workspace within a token budget) and `read_context`
// (slices and greps of a kept pack).
import { z } from 'zod';

export const CONTEXT_DEFAULT_TOKEN_BUDGET = 30000;
export const OUTPUT_ID_PATTERN = /^ctx_[0-9a-f]{16}$/;

const glob = z
  .string()
  .min(1)
  .max(500)
  .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value), {
    message: 'must be relative to the workspace root',
  })
  .refine((value) => !value.split(/[\\/]/).includes('..'), { message: 'may not leave the workspace root' })
  // Repomix hands globs to fs calls, which throw on a NUL byte: refused here as a bad argument.
  .refine((value) => !value.includes('\0'), { message: 'may not contain a NUL byte' });

export const contextStyle = z.enum(['xml', 'markdown']);

export const getCodebaseContextInput = z.object({
  include: z
    .array(glob)
    .max(100)
    .optional()
    .describe('Globs relative to the root (e.g. "src/**/*.ts"); default every file not ignored'),
  ignore: z.array(glob).max(100).optional().describe('More globs to leave out; .gitignore is respected'),
  compress: z.boolean().default(false).describe('Tree-sitter compression: signatures and structure only'),
  style: contextStyle.default('xml'),
  token_budget: z.number().int().min(100).max(2_000_000).default(CONTEXT_DEFAULT_TOKEN_BUDGET),
});

export const contextStep = z.enum(['full', 'compress', 'omit_files', 'structure_only']);

export const getCodebaseContextOutput = z.object({
  output_id: z.string().describe('Names the full pack for read_context'),
  cached: z.boolean().describe('Served from the cache: no file changed since this pack was made'),
  style: contextStyle,
  token_budget: z.number().int(),
  step: contextStep.describe('What the returned content is: the full pack or the degradation step that fit'),
  steps: z
    .array(
      z.object({
        step: contextStep,
        tokens: z.number().int().nullable().describe('Tokens of that step; null when it was not built'),
        fits: z.boolean(),
        note: z.string().optional(),
      }),
    )
    .describe('Each step tried, in order'),
  tokens: z.number().int().describe('Tokens of the returned content (o200k_base)'),
  full_tokens: z.number().int().describe('Tokens of the full pack kept under output_id'),
  full_lines: z.number().int(),
  total_files: z.number().int().describe('Files in the full pack'),
  included_files: z
    .number()
    .int()
    .describe('Files whose content (maybe compressed) is in the returned content'),
  omitted_files: z
    .array(z.object({ path: z.string(), tokens: z.number().int(), reason: z.string() }))
    .describe('Files left out by omit_files, with their tokens as they would have been sent (at most 200)'),
  omitted_count: z.number().int(),
  omitted_tokens: z.number().int(),
  suspicious_files: z
    .array(z.object({ path: z.string(), findings: z.array(z.string()) }))
    .describe("Excluded by Repomix's secret check (findings masked)"),
  skipped_files: z
    .array(z.object({ path: z.string(), reason: z.string() }))
    .describe('Not packed by Repomix: binary, too large, unreadable'),
  content: z.string().describe('The pack or the step that fit; the text block repeats it only up to 1 MiB'),
});

export const readContextInput = z.object({
  output_id: z.string().min(1).max(100).describe('From get_codebase_context'),
  start_line: z.number().int().min(1).optional(),
  end_line: z.number().int().min(1).optional(),
  grep: z.string().min(1).max(500).optional().describe('JavaScript regular expression, matched per line'),
  ignore_case: z.boolean().default(false),
  context_lines: z.number().int().min(0).max(50).default(2),
});

export const readContextOutput = z.object({
  output_id: z.string(),
  total_lines: z.number().int(),
  total_bytes: z.number().int(),
  mode: z.enum(['slice', 'grep']),
  start_line: z.number().int().nullable().describe('First line returned (slice)'),
  end_line: z.number().int().nullable().describe('Last line returned (slice)'),
  text: z.string().describe('The slice, or the grep hunks with line numbers'),
  hunks: z
    .array(
      z.object({
        start_line: z.number().int(),
        end_line: z.number().int(),
        match_lines: z.array(z.number().int()),
      }),
    )
    .describe('Grep: runs of lines around matches'),
  total_matches: z.number().int().nullable().describe('Grep: matching lines in the whole pack'),
  truncated: z.boolean(),
  next: z.string().nullable().describe('How to read on when truncated'),
});
