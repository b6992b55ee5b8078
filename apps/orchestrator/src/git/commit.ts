// commit: branch-first, convention-checked, secret-scanned, hooks run (never --no-verify). Nothing
// is changed until the message is accepted; a refusal after staging puts the index back as it was and
// the branch back where it was, so a failed call leaves no half-made commit or stray branch.
import { createHash } from 'node:crypto';
import { lstat, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { type CallContext, resolveInRoot, ToolError } from '@tandem/shared';
import { delegate } from '../coder-client/delegate.js';
import type { OrchestratorServices } from '../tools/define.js';
import { branchExists, checkBranchName, isProtected, newBranchName } from './branch.js';
import { checkMessage, describeConvention, loadConvention } from './convention.js';
import { redactorFor } from './redactor.js';
import { atLeast, git, gitOk, lastLines, openRepo } from './run-git.js';
import { type FileChange, readStatus } from './status.js';

export interface CommitArgs {
  message: string;
  files?: string[] | undefined;
  branch?: string | undefined;
}

export interface CommitResult {
  sha: string;
  branch: string;
  branch_created: boolean;
  previous_branch: string | null;
  files: FileChange[];
  header: string;
  convention: { style: 'conventional' | 'none'; source: string };
  hooks: { pre_commit_ran_first: boolean; restaged: string[]; output_tail: string; notes: string[] };
}

/** scan_secrets takes a diff of at most this many characters. */
const MAX_SCANNED_DIFF = 10_000_000;
const OUTPUT_TAIL_LINES = 40;

type Context = CallContext<OrchestratorServices>;

/** Caller paths, confined to the root, as git pathspecs relative to it (symlinks not followed). */
function pathspecs(root: string, files: readonly string[]): string[] {
  return files.map((file) => {
    const resolved = resolveInRoot(root, file, 'files');
    if (path.isAbsolute(file)) return resolved.relative;
    const lexical = path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
    return lexical === '' ? '.' : lexical;
  });
}

function covered(staged: string, specs: readonly string[]): boolean {
  return specs.some(
    (spec) => spec === '.' || staged === spec || staged.startsWith(`${spec.replace(/\/$/, '')}/`),
  );
}

async function stagedNames(root: string, signal: AbortSignal): Promise<string[]> {
  const out = await gitOk(root, ['diff', '--cached', '--name-only', '--no-renames', '-z'], { signal });
  return out.split('\0').filter(Boolean);
}

async function unstagedNames(root: string, signal: AbortSignal): Promise<Set<string>> {
  const out = await gitOk(root, ['diff', '--name-only', '--no-renames', '-z'], { signal });
  return new Set(out.split('\0').filter(Boolean));
}

/** A fingerprint of each file's working-tree content; missing files map to "". */
async function fingerprints(root: string, files: readonly string[]): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const file of files) {
    const absolute = path.join(root, file);
    try {
      const info = await lstat(absolute);
      const content = info.isSymbolicLink()
        ? Buffer.from(await readlink(absolute))
        : await readFile(absolute);
      result.set(file, `${info.mode}:${createHash('sha256').update(content).digest('hex')}`);
    } catch {
      result.set(file, '');
    }
  }
  return result;
}

function parseNameStatus(output: string): FileChange[] {
  const records = output.split('\0');
  const kinds: Record<string, FileChange['status']> = {
    A: 'added',
    M: 'modified',
    D: 'deleted',
    R: 'renamed',
    C: 'copied',
    T: 'type_changed',
    U: 'unmerged',
  };
  const files: FileChange[] = [];
  for (let i = 0; i < records.length; i++) {
    const code = records[i] ?? '';
    if (code === '') continue;
    const status = kinds[code[0] ?? 'M'] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const orig = records[++i] ?? '';
      const file = records[++i] ?? '';
      files.push({ path: file, status, orig_path: orig, similarity: Number(code.slice(1)) || 0 });
    } else {
      files.push({ path: records[++i] ?? '', status });
    }
  }
  return files;
}

async function inProgress(root: string, signal: AbortSignal): Promise<string | undefined> {
  for (const [ref, what] of [
    ['MERGE_HEAD', 'a merge'],
    ['CHERRY_PICK_HEAD', 'a cherry-pick'],
    ['REVERT_HEAD', 'a revert'],
    ['REBASE_HEAD', 'a rebase'],
  ] as const) {
    const result = await git(root, ['rev-parse', '-q', '--verify', ref], { signal });
    if (result.exitCode === 0) return what;
  }
  return undefined;
}

/** The staged diff through the coder's scan_secrets; throws when anything is found. */
async function scanStaged(
  context: Context,
  staged: readonly string[],
  restore: () => Promise<void>,
): Promise<void> {
  const { root, signal } = context;
  const result = await git(
    root,
    ['diff', '--cached', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '-U0'],
    { signal },
  );
  if (result.exitCode !== 0 || result.cut || result.stdout.length > MAX_SCANNED_DIFF) {
    await restore();
    throw new ToolError(
      result.exitCode !== 0
        ? `Could not read the staged diff to scan it for secrets: ${lastLines(result.stderr, 5)}`
        : `The staged diff is larger than ${MAX_SCANNED_DIFF / 1_000_000} MB, more than the secret scan takes; nothing was committed.`,
      {
        hint: 'Commit the change in smaller parts (files argument). The index is as it was before the call.',
      },
    );
  }
  if (result.stdout.trim() === '') return;
  const scan = await delegate(context, 'scan_secrets', { diff: result.stdout, limit: 50 });
  if (scan.total_findings === 0) return;
  await restore();
  const shown = scan.findings
    .slice(0, 20)
    .map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.kind} ${finding.masked}`);
  throw new ToolError(
    `Refused: the staged changes hold ${scan.total_findings} secret(s): ${shown.join('; ')}${scan.total_findings > shown.length ? '; …' : ''}. Nothing was committed; the index is as it was before the call (${staged.length} file(s) were to be committed).`,
    {
      hint: 'Remove the secret from the file (read it from the environment or a secret store instead), then commit again. If it is a false positive, change the value so it no longer looks like a credential.',
    },
  );
}

/** One commit at a time per repository in this server: each stages, switches and restores the index. */
const queues = new Map<string, Promise<unknown>>();

export function commitChanges(context: Context, args: CommitArgs): Promise<CommitResult> {
  const previous = queues.get(context.root) ?? Promise.resolve();
  const next = previous.then(
    () => commitNow(context, args),
    () => commitNow(context, args),
  );
  const settled = next.catch(() => undefined);
  queues.set(context.root, settled);
  void settled.then(() => {
    if (queues.get(context.root) === settled) queues.delete(context.root);
  });
  return next;
}

async function commitNow(context: Context, args: CommitArgs): Promise<CommitResult> {
  const { root, signal, services } = context;
  const settings = services.config.git;
  const redactor = redactorFor(services.config);
  const repo = await openRepo(root, signal);

  // 1. The message, before anything changes.
  const convention = await loadConvention(root, settings, signal);
  const problems = checkMessage(args.message, convention);
  if (problems.length > 0) {
    throw new ToolError(
      `The commit message does not follow the project's convention: ${problems.join('; ')}.`,
      {
        hint: describeConvention(convention),
      },
    );
  }
  const header = args.message.replace(/\r\n/g, '\n').split('\n')[0] ?? '';

  // 2. Where we are, and whether a commit can be made at all.
  const before = await readStatus(root, signal);
  if (before.conflicted.length > 0) {
    throw new ToolError(
      `There are unresolved conflicts: ${before.conflicted
        .map((file) => file.path)
        .slice(0, 20)
        .join(', ')}.`,
      { hint: 'Resolve them (edit, then git add), or abort the merge, before committing.' },
    );
  }
  const busy = await inProgress(root, signal);
  if (busy) {
    throw new ToolError(`${busy} is in progress in this repository.`, {
      hint: 'Finish or abort it with git first; commit makes plain commits only.',
    });
  }
  const previousBranch = before.branch;
  let target: string;
  let create: boolean;
  if (args.branch !== undefined) {
    await checkBranchName(root, args.branch, signal);
    if (isProtected(args.branch, settings.protected_branches)) {
      throw new ToolError(`branch "${args.branch}" is protected: commit never commits on it.`, {
        hint: `Leave out branch to have ${settings.branch_prefix}/<slug>/<date> created, or name another branch. Protected: ${settings.protected_branches.join(', ')} (git.protected_branches).`,
      });
    }
    target = args.branch;
    create = args.branch !== previousBranch && !(await branchExists(root, args.branch, signal));
  } else if (previousBranch !== null && !isProtected(previousBranch, settings.protected_branches)) {
    target = previousBranch;
    create = false;
  } else {
    // A protected branch, or a detached HEAD, where a commit would be easy to lose.
    target = await newBranchName(root, settings.branch_prefix, args.message, signal);
    create = true;
  }

  // 3. Stage, remembering the index so any refusal can put it back.
  const snapshot = (await gitOk(root, ['write-tree'], { signal, what: 'git write-tree' })).trim();
  const restoreIndex = async () => {
    await git(root, ['read-tree', snapshot], { signal: AbortSignal.timeout(30_000) });
  };
  let staged: string[];
  try {
    if (args.files !== undefined && args.files.length > 0) {
      const specs = pathspecs(root, args.files);
      await gitOk(root, ['add', '--', ...specs], {
        signal,
        literalPathspecs: true,
        what: 'git add',
        hint: 'Check the paths in files: they must exist (or be tracked deletions) and not be ignored.',
      });
      staged = await stagedNames(root, signal);
      const others = staged.filter((file) => !covered(file, specs));
      if (others.length > 0) {
        await restoreIndex();
        throw new ToolError(
          `Other changes are staged besides files: ${others.slice(0, 20).join(', ')}${others.length > 20 ? ', …' : ''}. Nothing was committed; the index is as it was.`,
          {
            hint: 'List them in files too, or unstage them (git restore --staged <path>), then commit again.',
          },
        );
      }
    } else {
      staged = await stagedNames(root, signal);
    }
  } catch (error) {
    if (!(error instanceof ToolError)) await restoreIndex();
    throw error;
  }
  if (staged.length === 0) {
    await restoreIndex();
    throw new ToolError('Nothing is staged: an empty commit was refused.', {
      hint:
        args.files === undefined
          ? 'Pass the changed paths in files (review_changes lists them), or stage them first.'
          : 'The files given have no changes against HEAD; check them with review_changes.',
    });
  }

  // 4. Branch-first.
  const previousHead = before.head;
  const restoreBranch = async () => {
    if (target === previousBranch) return;
    const cleanup = { signal: AbortSignal.timeout(30_000) };
    if (previousBranch !== null && before.unborn) {
      await git(root, ['symbolic-ref', 'HEAD', `refs/heads/${previousBranch}`], cleanup);
    } else if (previousBranch !== null) {
      await git(root, ['switch', '--no-guess', previousBranch], cleanup);
    } else if (previousHead !== null) {
      await git(root, ['switch', '--detach', previousHead], cleanup);
    }
    if (create) await git(root, ['branch', '-D', target], cleanup);
  };
  let rolledBack = false;
  const rollback = async () => {
    if (rolledBack) return;
    rolledBack = true;
    await restoreBranch();
    await restoreIndex();
  };
  if (target !== previousBranch) {
    const switched = await git(root, ['switch', '--no-guess', ...(create ? ['-c'] : []), target], { signal });
    if (switched.exitCode !== 0) {
      await restoreIndex();
      throw new ToolError(`Could not switch to branch ${target}: ${lastLines(switched.stderr, 6)}`, {
        hint: 'Commit or stash the changes that conflict with that branch, or name a new branch.',
      });
    }
  }

  const notes = [...convention.notes];
  const restaged: string[] = [];
  let preCommitRanFirst = false;
  const outputs: string[] = [];
  const hookTimeout = settings.hook_timeout_s * 1000;
  try {
    // 5. Secrets, in what the commit on the target branch would add. A coder that cannot be
    // reached fails the call like a finding would: nothing is committed unscanned.
    await scanStaged(context, staged, rollback);

    // 6. The pre-commit hook first, so files it reformats can be staged again.
    if (atLeast(repo.version, [2, 36])) {
      const partly = await unstagedNames(root, signal);
      const beforeHook = await fingerprints(root, staged);
      const hook = await git(root, ['hook', 'run', '--ignore-missing', 'pre-commit'], {
        signal,
        timeoutMs: hookTimeout,
      });
      preCommitRanFirst = true;
      if (hook.all.trim() !== '') outputs.push(hook.all);
      if (hook.exitCode !== 0) {
        throw new ToolError(
          `The pre-commit hook failed (exit code ${hook.exitCode}); nothing was committed. Output: ${await redactor.redact(lastLines(hook.all, OUTPUT_TAIL_LINES))}`,
          {
            hint: `Fix what it reports and commit again. The index and branch are as they were before the call${create ? ` (the branch ${target} was removed again)` : ''}; files the hook changed keep its changes.`,
          },
        );
      }
      const afterHook = await fingerprints(root, staged);
      const changed = staged.filter((file) => beforeHook.get(file) !== afterHook.get(file));
      const whole = changed.filter((file) => !partly.has(file));
      const partial = changed.filter((file) => partly.has(file));
      if (whole.length > 0) {
        await gitOk(root, ['add', '--', ...whole], {
          signal,
          literalPathspecs: true,
          what: 'git add (re-staging)',
        });
        restaged.push(...whole);
        await scanStaged(context, staged, rollback);
      }
      if (partial.length > 0) {
        notes.push(
          `The hook changed ${partial.join(', ')}, which also had unstaged changes: not re-staged, so the commit holds the staged version.`,
        );
      }
    } else {
      notes.push(
        `git ${repo.version.join('.')} has no "git hook run" (2.36+): the pre-commit hook ran only inside git commit, so files it reformats were not re-staged.`,
      );
    }

    // 7. The commit itself, hooks and all; the message on stdin.
    const committed = await git(root, ['commit', '--file=-'], {
      signal,
      input: args.message,
      timeoutMs: hookTimeout,
    });
    if (committed.all.trim() !== '') outputs.push(committed.all);
    if (committed.exitCode !== 0) {
      throw new ToolError(
        `git commit failed (exit code ${committed.exitCode}); nothing was committed. Output: ${await redactor.redact(lastLines(committed.all, OUTPUT_TAIL_LINES))}`,
        {
          hint: `Fix what it reports (a hook, or user.name/user.email if git asks who you are) and commit again. The index and branch are as they were before the call${create ? ` (the branch ${target} was removed again)` : ''}.`,
        },
      );
    }
  } catch (error) {
    await rollback();
    throw error;
  }

  const sha = (await gitOk(root, ['rev-parse', 'HEAD'], { signal })).trim();
  const files = parseNameStatus(
    await gitOk(root, ['diff-tree', '-r', '--no-commit-id', '--name-status', '-z', '-M', '--root', 'HEAD'], {
      signal,
    }),
  );
  return {
    sha,
    branch: target,
    branch_created: create,
    previous_branch: previousBranch,
    files,
    header,
    convention: { style: convention.style, source: convention.source },
    hooks: {
      pre_commit_ran_first: preCommitRanFirst,
      restaged,
      output_tail: await redactor.redact(lastLines(outputs.join('\n'), OUTPUT_TAIL_LINES)),
      notes,
    },
  };
}
