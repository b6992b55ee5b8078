// Schemas of lint: the project's own linters, run read-only, with one status per linter so a linter
// that could not run is never mistaken for a clean pass.
import { z } from 'zod';

export const linterNames = ['tsc', 'biome', 'eslint', 'ruff', 'shellcheck', 'nixfmt'] as const;
export const linterName = z.enum(linterNames);

export const lintSeverity = z.enum(['error', 'warning', 'info']);

export const linterStatus = z
  .enum(['ran', 'not_installed', 'not_configured', 'no_files', 'failed', 'timed_out'])
  .describe(
    'ran; not_installed (install_hint says how); not_configured (the project has no config for it); no_files (nothing of its language in scope); failed (message, stderr_tail); timed_out',
  );

export const lintInput = z.object({
  paths: z
    .array(z.string())
    .max(200)
    .optional()
    .describe('Files or directories inside the root; default the root (.gitignore respected)'),
  linters: z.array(linterName).min(1).optional().describe('Only these linters; default all'),
  limit: z.number().int().min(1).max(1000).default(200).describe('Most diagnostics returned, errors first'),
  timeout_s: z.number().min(1).max(300).default(60).describe('Time limit per linter, in seconds'),
});

export const severityCounts = z.object({
  error: z.number().int(),
  warning: z.number().int(),
  info: z.number().int(),
});

export const lintDiagnostic = z.object({
  file: z.string().describe('Relative to the root'),
  line: z.number().int().describe('1-based'),
  column: z.number().int().describe('1-based'),
  end_line: z.number().int().optional(),
  end_column: z.number().int().optional(),
  rule: z.string(),
  severity: lintSeverity,
  message: z.string(),
  linter: linterName,
  fix_available: z.boolean().describe('The linter offers a fix (lint itself never applies it)'),
});

export const linterReport = z.object({
  linter: linterName,
  status: linterStatus,
  files: z.number().int().describe('Files of its language in scope'),
  unchecked_files: z
    .number()
    .int()
    .optional()
    .describe('Files it should have checked but could not (the linter is not a clean pass)'),
  diagnostics: z.number().int().describe('Diagnostics found, before the limit'),
  by_severity: severityCounts,
  binary: z.string().optional().describe('The executable used'),
  configs: z.array(z.string()).optional().describe('Config files that apply, relative to the root'),
  duration_ms: z.number().int().optional(),
  install_hint: z.string().optional(),
  message: z.string().optional().describe('Why it did not run, or what else to know'),
  stderr_tail: z.string().optional().describe("The failed linter's stderr (start and end when long)"),
});

export const lintOutput = z.object({
  clean: z
    .boolean()
    .describe('True only when some linter ran, every linter with files ran, and none found anything'),
  diagnostics: z.array(lintDiagnostic),
  total_diagnostics: z.number().int(),
  truncated: z.boolean().describe('More diagnostics were found than `limit`'),
  by_severity: severityCounts,
  linters: z.array(linterReport),
  files_in_scope: z.number().int(),
  hints: z.array(z.string()),
});

export type LinterName = z.infer<typeof linterName>;
export type LintSeverity = z.infer<typeof lintSeverity>;
export type LinterStatus = z.infer<typeof linterStatus>;
export type LintDiagnostic = z.infer<typeof lintDiagnostic>;
export type LinterReport = z.infer<typeof linterReport>;
