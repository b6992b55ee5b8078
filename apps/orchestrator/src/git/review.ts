// review_changes: where the branch stands, what is staged, unstaged, untracked or conflicted, and the
// diff of the index or the working tree, bounded. Read-only: status runs with GIT_OPTIONAL_LOCKS=0,
// so it does not refresh the index behind a concurrent commit's back.
import path from 'node:path';
import type { TandemConfig } from '@tandem/shared';
import { type BoundedDiff, boundedDiff } from './diff.js';
import { redactorFor } from './redactor.js';
import { openRepo } from './run-git.js';
import { type RepoStatus, readStatus } from './status.js';

/** Entries per status list; totals count every entry. */
export const MAX_LISTED = 1000;

export interface ReviewResult extends RepoStatus {
  totals: { staged: number; unstaged: number; untracked: number; conflicted: number };
  lists_truncated: boolean;
  diff: BoundedDiff & { source: 'staged' | 'working_tree'; total_files: number };
}

export async function reviewChanges(
  root: string,
  config: TandemConfig,
  options: { staged: boolean; statOnly: boolean; signal: AbortSignal },
): Promise<ReviewResult> {
  const repo = await openRepo(root, options.signal);
  const relative = path.resolve(repo.toplevel) !== path.resolve(root);
  const status = await readStatus(root, options.signal);
  const diff = await boundedDiff(root, {
    staged: options.staged,
    relative,
    signal: options.signal,
    statOnly: options.statOnly,
    maxFileBytes: config.git.review.max_file_bytes,
    maxTotalBytes: config.git.review.max_total_bytes,
    redactor: redactorFor(config),
  });
  const totals = {
    staged: status.staged.length,
    unstaged: status.unstaged.length,
    untracked: status.untracked.length,
    conflicted: status.conflicted.length,
  };
  const lists_truncated = Object.values(totals).some((count) => count > MAX_LISTED);
  return {
    ...status,
    staged: status.staged.slice(0, MAX_LISTED),
    unstaged: status.unstaged.slice(0, MAX_LISTED),
    untracked: status.untracked.slice(0, MAX_LISTED),
    conflicted: status.conflicted.slice(0, MAX_LISTED),
    totals,
    lists_truncated,
    diff: {
      ...diff,
      files: diff.files.slice(0, MAX_LISTED),
      total_files: diff.files.length,
      source: options.staged ? 'staged' : 'working_tree',
    },
  };
}

export function describeReview(review: ReviewResult): string {
  const where = review.detached
    ? `detached HEAD at ${review.head?.slice(0, 12) ?? '?'}`
    : `on ${review.branch}${review.unborn ? ' (no commits yet)' : ''}`;
  const tracking =
    review.upstream === null
      ? ''
      : `, ${review.upstream}: ahead ${review.ahead ?? '?'}, behind ${review.behind ?? '?'}`;
  const list = (label: string, items: string[], total: number) =>
    total === 0 ? [] : [`${label} (${total}): ${items.slice(0, 50).join(', ')}${total > 50 ? ', …' : ''}`];
  const change = (file: { path: string; status: string; orig_path?: string }) =>
    `${file.status[0]?.toUpperCase()} ${file.orig_path ? `${file.orig_path} -> ` : ''}${file.path}`;
  const diff = review.diff;
  const lines = [
    `${where}${tracking}`,
    ...list('staged', review.staged.map(change), review.totals.staged),
    ...list('unstaged', review.unstaged.map(change), review.totals.unstaged),
    ...list('untracked', review.untracked, review.totals.untracked),
    ...list(
      'conflicted',
      review.conflicted.map((file) => `${file.state} ${file.path}`),
      review.totals.conflicted,
    ),
    `${diff.source === 'staged' ? 'staged' : 'working tree'} diff: ${diff.total_files} file(s), +${diff.total_added} -${diff.total_deleted}`,
  ];
  if (diff.text === null) {
    for (const file of diff.files.slice(0, 200)) {
      lines.push(
        file.binary
          ? `  binary ${file.path}`
          : `  +${file.added} -${file.deleted} ${file.orig_path ? `${file.orig_path} -> ` : ''}${file.path}`,
      );
    }
    if (diff.total_files > 200) lines.push(`  … ${diff.total_files - 200} more`);
  } else if (diff.text !== '') {
    if (diff.truncated) {
      lines.push(
        `(bounded: ${diff.bytes_returned} of ${diff.bytes_total} bytes; ${diff.cut_files.length} file(s) cut or left out, listed in cut_files)`,
      );
    }
    lines.push(diff.text.trimEnd());
  }
  return lines.join('\n');
}
