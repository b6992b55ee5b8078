// Schemas of scan_secrets.
import { z } from 'zod';
import { searchScope, skippedFiles } from './search.js';

export const scanSecretsInput = z.object({
  paths: searchScope.paths,
  diff: z
    .string()
    .max(10_000_000)
    .optional()
    .describe('A unified diff: only added lines are scanned, reported at their new-file line'),
  text: z.string().max(2_000_000).optional().describe('Text to scan, reported as file "<text>"'),
  // No zod defaults on the file-selection flags: the tool refuses them with `diff` or `text`, which
  // needs to know whether they were given.
  globs: searchScope.globs,
  include_ignored: z.boolean().optional().describe('Also scan files .gitignore excludes (default false)'),
  include_hidden: z
    .boolean()
    .optional()
    .describe('Scan dot-files such as .env and .npmrc (default true; .git is never scanned)'),
  limit: z.number().int().min(1).max(1000).default(100).describe('Findings returned; totals count all'),
});

export const secretFinding = z.object({
  rule: z.string().describe('secretlint rule id, or tandem/high-entropy-assignment'),
  kind: z.string().describe('Kind of secret, e.g. GITHUB_TOKEN, AWSSecretAccessKey'),
  file: z.string().describe('Root-relative path, the diff\'s file name, or "<text>"'),
  line: z.number().int().describe('1-based line of the secret (new-file line for a diff)'),
  column: z.number().int().describe('1-based column of the secret'),
  end_line: z.number().int(),
  end_column: z.number().int().describe('1-based column just past the secret'),
  masked: z.string().describe('At most the first 4 characters, then ****'),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string().describe('What was found, secret masked'),
  docs_url: z.string().optional(),
});

export const scanSecretsOutput = z.object({
  outcome: z.enum(['findings', 'no_findings', 'nothing_scanned']),
  source: z.enum(['paths', 'diff', 'text']),
  findings: z.array(secretFinding),
  total_findings: z.number().int(),
  truncated: z.boolean().describe('More findings than `limit`: the totals count them all'),
  by_rule: z.record(z.string(), z.number().int()).describe('Findings per rule, over all of them'),
  files_scanned: z.number().int(),
  files_with_findings: z.number().int(),
  files_skipped: skippedFiles,
  hints: z.array(z.string()),
});
