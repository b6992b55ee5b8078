// Schemas of review_changes and commit.
import { z } from 'zod';

export const gitChangeKind = z.enum([
  'added',
  'modified',
  'deleted',
  'renamed',
  'copied',
  'type_changed',
  'unmerged',
]);

export const gitFileChange = z.object({
  path: z.string(),
  status: gitChangeKind,
  orig_path: z.string().optional().describe('Where a renamed or copied file came from'),
  similarity: z.number().int().optional().describe('Rename or copy score, 0-100'),
});

export const gitConflict = z.object({
  path: z.string(),
  state: z.string().describe('Two letters: ours and theirs, e.g. UU both modified, AA both added'),
});

const listed = <T extends z.ZodType>(item: T) => z.array(item);

export const gitStatusSummary = z.object({
  branch: z.string().nullable().describe('Current branch; null on a detached HEAD'),
  head: z.string().nullable().describe('Commit sha of HEAD; null before the first commit'),
  detached: z.boolean(),
  unborn: z.boolean().describe('The branch has no commit yet'),
  upstream: z.string().nullable(),
  ahead: z.number().int().nullable(),
  behind: z.number().int().nullable(),
  staged: listed(gitFileChange),
  unstaged: listed(gitFileChange),
  untracked: listed(z.string()),
  conflicted: listed(gitConflict),
  totals: z.object({
    staged: z.number().int(),
    unstaged: z.number().int(),
    untracked: z.number().int(),
    conflicted: z.number().int(),
  }),
  lists_truncated: z.boolean().describe('A list above holds its first entries only; totals count all'),
});

export const diffFileStat = z.object({
  path: z.string(),
  orig_path: z.string().optional(),
  added: z.number().int().nullable().describe('Lines added; null for a binary file'),
  deleted: z.number().int().nullable(),
  binary: z.boolean(),
});

export const reviewChangesInput = z.object({
  staged: z
    .boolean()
    .default(false)
    .describe('Diff the index against HEAD (what commit would commit) instead of the working tree'),
  stat_only: z.boolean().default(false).describe('Per-file +/- counts only, no diff text'),
});

export const reviewChangesOutput = gitStatusSummary.extend({
  diff: z.object({
    source: z.enum(['staged', 'working_tree']),
    files: z.array(diffFileStat),
    total_files: z.number().int(),
    total_added: z.number().int(),
    total_deleted: z.number().int(),
    text: z
      .string()
      .nullable()
      .describe('The unified diff, bounded and with secrets masked; null with stat_only'),
    truncated: z.boolean(),
    cut_files: z
      .array(diffFileStat.extend({ reason: z.enum(['file_cap', 'total_cap']) }))
      .describe('Files whose diff text was shortened (file_cap) or left out (total_cap)'),
    bytes_total: z.number().int().describe('Size of the whole diff text'),
    bytes_returned: z.number().int(),
  }),
});

export const commitInput = z.object({
  message: z
    .string()
    .min(1)
    .max(100_000)
    .describe("Commit message: header, blank line, body; checked against the project's convention"),
  files: z
    .array(z.string().min(1))
    .max(10_000)
    .optional()
    .describe('Paths to stage (git add) and commit; default: commit what is already staged'),
  branch: z
    .string()
    .min(1)
    .max(250)
    .optional()
    .describe(
      'Branch to commit on (created from HEAD when missing); default: the current branch unless protected',
    ),
});

export const commitOutput = z.object({
  sha: z.string(),
  branch: z.string(),
  branch_created: z.boolean(),
  previous_branch: z.string().nullable().describe('Branch before the call; null on a detached HEAD'),
  files: z.array(gitFileChange).describe('What the commit changed'),
  header: z.string().describe('First line of the message'),
  convention: z.object({
    style: z.enum(['conventional', 'none']),
    source: z.string().describe('Where the allowed types and scopes came from'),
  }),
  hooks: z.object({
    pre_commit_ran_first: z
      .boolean()
      .describe('The pre-commit hook ran before `git commit` so that files it reformats could be re-staged'),
    restaged: z.array(z.string()).describe('Staged files a hook changed and that were staged again'),
    output_tail: z.string().describe('Last lines the hooks and git commit printed, secrets masked'),
    notes: z.array(z.string()),
  }),
  warnings: z
    .array(z.string())
    .optional()
    .describe(
      'Plan guardrails (advisory): loop steps skipped; or progress that could not be recorded on the plan',
    ),
});
