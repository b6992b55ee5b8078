// Schemas of ast_search and test_rule.
import { z } from 'zod';

const pattern = z
  .string()
  .max(10_000)
  .optional()
  .describe('ast-grep pattern: code with metavariables ($A one node, $$$A any number)');
const rule = z
  .string()
  .max(100_000)
  .optional()
  .describe('ast-grep rule as YAML or JSON: a rule object, or a rule file with rule/constraints/utils');

export const searchScope = {
  paths: z
    .array(z.string())
    .max(200)
    .optional()
    .describe('Files or directories inside the root; default the root'),
  globs: z.array(z.string()).max(100).optional().describe('Include globs; a leading ! excludes'),
  include_ignored: z.boolean().default(false).describe('Also search files .gitignore excludes'),
  include_hidden: z.boolean().default(false).describe('Also search dot-files and dot-directories'),
};

export const astSearchInput = z.object({
  pattern,
  rule,
  language: z
    .string()
    .optional()
    .describe('Only files of this language; default every language the query parses in'),
  ...searchScope,
  limit: z.number().int().min(1).max(500).default(50).describe('Matches per page'),
  cursor: z.string().max(2000).optional().describe('next_cursor of the previous page'),
  context_lines: z.number().int().min(0).max(20).default(0).describe('Lines of context around each match'),
});

export const matchPosition = {
  line: z.number().int().describe('1-based start line'),
  column: z.number().int().describe('1-based start column'),
  end_line: z.number().int(),
  end_column: z.number().int().describe('1-based column just past the match'),
};

export const foundMatch = z.object({
  file: z.string(),
  ...matchPosition,
  text: z.string().describe('Matched text; long text is cut with a marker'),
  captures: z.record(z.string(), z.string()).optional().describe('Metavariable → captured text'),
  context: z.string().optional().describe('The match with context_lines around it, each line numbered'),
});

export const skippedFiles = z.object({
  binary: z.number().int(),
  non_utf8: z.number().int(),
  too_large: z.number().int(),
  unreadable: z.number().int(),
});

export const astSearchOutput = z.object({
  outcome: z.enum(['matches', 'no_matches', 'nothing_scanned']),
  matches: z.array(foundMatch),
  total_matches: z.number().int(),
  total_is_lower_bound: z.boolean().optional().describe('The scan stopped counting at its cap'),
  files_scanned: z.number().int(),
  files_with_matches: z.number().int(),
  files_skipped: skippedFiles,
  languages: z.array(z.string()).describe('Languages of the files searched'),
  next_cursor: z.string().optional().describe('Pass as cursor for the next page'),
  hints: z.array(z.string()).describe('Why nothing matched or nothing was scanned, and what to try'),
});

export const testRuleInput = z.object({
  code: z.string().max(200_000).describe('Code to test the query on'),
  language: z.string(),
  pattern,
  rule,
});

export const testRuleOutput = z.object({
  outcome: z.enum(['matches', 'no_matches']),
  matches: z.array(foundMatch.omit({ file: true, context: true })),
  total_matches: z.number().int(),
  code_errors: z
    .array(z.object({ line: z.number().int(), column: z.number().int(), kind: z.string() }))
    .describe('Parse errors in `code` itself'),
  hints: z.array(z.string()),
});
