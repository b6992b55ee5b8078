// Schemas of validate_syntax.
import { z } from 'zod';
import { searchScope, skippedFiles } from './search.js';

export const validateSyntaxInput = z.object({
  ...searchScope,
  code: z.string().max(200_000).optional().describe('Check this text instead of files (with `language`)'),
  language: z.string().optional().describe('Language of `code`; with paths, only files of this language'),
  limit: z.number().int().min(1).max(500).default(100).describe('Files with errors listed'),
});

export const syntaxProblem = z.object({
  line: z.number().int(),
  column: z.number().int(),
  end_line: z.number().int(),
  end_column: z.number().int(),
  kind: z.string().describe('ERROR (unparseable text) or MISSING <token> (a token the parser had to assume)'),
  snippet: z.string().describe('The source line where the problem starts'),
});

export const validateSyntaxOutput = z.object({
  valid: z.boolean().describe('No file checked has a syntax error'),
  files: z.array(
    z.object({
      file: z.string(),
      language: z.string(),
      error_count: z.number().int(),
      errors: z.array(syntaxProblem).describe('The first 20'),
    }),
  ),
  files_checked: z.number().int(),
  files_with_errors: z.number().int(),
  total_errors: z.number().int(),
  files_skipped: skippedFiles,
  files_without_language: z.number().int().describe('Files no loaded language claims (not checked)'),
  truncated: z.boolean().describe('More files had errors than `limit`'),
});
