// The `git:` section: which branches `commit` never commits on, where it commits instead, the commit
// message convention when the project has no cog.toml / .conform.yaml / commitlint config of its own,
// and how much of a diff `review_changes` returns.
import { z } from 'zod';

export const DEFAULT_PROTECTED_BRANCHES = ['main', 'master'];

/** The types of @commitlint/config-conventional, the usual Conventional Commits set. */
export const DEFAULT_COMMIT_TYPES = [
  'build',
  'chore',
  'ci',
  'docs',
  'feat',
  'fix',
  'perf',
  'refactor',
  'revert',
  'style',
  'test',
];

const word = z.string().trim().min(1).max(64);

export const gitCommitConvention = z.strictObject({
  style: z
    .enum(['conventional', 'none'])
    .default('conventional')
    .describe('conventional: type(scope)!: subject; none: any non-empty message'),
  types: z
    .array(word)
    .min(1)
    .default(DEFAULT_COMMIT_TYPES)
    .describe('Allowed types when the project declares none (cog.toml, .conform.yaml, commitlint)'),
  scopes: z.array(word).default([]).describe('Allowed scopes; empty allows any scope'),
  require_scope: z.boolean().default(false),
  max_header_length: z.number().int().min(20).max(1000).default(100),
});

export const gitReviewLimits = z.strictObject({
  max_file_bytes: z
    .number()
    .int()
    .min(256)
    .max(10_000_000)
    .default(16_384)
    .describe('Diff text kept per file; a longer file diff is cut at a line boundary'),
  max_total_bytes: z
    .number()
    .int()
    .min(1024)
    .max(50_000_000)
    .default(65_536)
    .describe('Diff text kept in all; files past it are listed with their +/- counts only'),
});

export const gitSection = z.strictObject({
  protected_branches: z
    .array(z.string().trim().min(1))
    .default(DEFAULT_PROTECTED_BRANCHES)
    .describe('Branch names (`*` matches within a path segment, `**` across) commit never commits on'),
  branch_prefix: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-"')
    .default('ai')
    .describe('commit creates <branch_prefix>/<slug>/<yyyy-mm-dd> instead of a protected branch'),
  commit: gitCommitConvention.prefault({}),
  hook_timeout_s: z
    .number()
    .min(1)
    .max(3600)
    .default(300)
    .describe('Time the pre-commit hook and `git commit` (with its hooks) may take'),
  review: gitReviewLimits.prefault({}),
});

export type GitConfig = z.output<typeof gitSection>;
