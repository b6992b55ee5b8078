// `refactor` as one transaction: the coder's dry run, the policy, per-file locks, a backup of every
// file the change writes, the coder's apply with the dry run's ids, the project's validation, and a
// verified byte-for-byte restore when validation fails, cannot run, or the call is cancelled.
import path from 'node:path';
import { type CallContext, describeError, resolveInRoot, ToolError } from '@tandem/shared';
import type {
  CoderToolInput,
  CoderToolOutput,
  refactorInput,
  refactorOutput,
  rewriteFile,
} from '@tandem/shared/schemas';
import type { z } from 'zod';
import { delegate } from '../coder-client/delegate.js';
import { loadJustfile, requireJust } from '../tasks/justfile.js';
import { runValidation } from '../tasks/validation.js';
import type { OrchestratorServices } from '../tools/define.js';
import { backUp, type FileBackup, type RestoredFile, restore } from './backup.js';
import { lockFiles } from './file-locks.js';
import { checkPolicy, type PlannedFile, protectedGlobs } from './policy.js';

type Context = CallContext<OrchestratorServices>;
type Args = z.output<typeof refactorInput>;
type Output = z.input<typeof refactorOutput>;
type Plan = CoderToolOutput<'ast_rewrite'>;
type RewriteArgs = Omit<CoderToolInput<'ast_rewrite'>, 'apply' | 'change_ids' | 'expected_count'>;
type PlanFile = z.output<typeof rewriteFile>;

/** Lock, plan again under the lock, and find the same files: tries before giving up. */
const LOCK_ATTEMPTS = 3;

interface Selection {
  ids: string[];
  files: Array<PlannedFile & { absolute: string }>;
  /** Files of the plan the ids leave out, or that are refused (dry run only). */
  refused: PlanFile[];
}

export interface RefactorResult {
  structured: Output;
  text: string;
  filesChanged: string[];
}

export async function runRefactor(context: Context, args: Args): Promise<RefactorResult> {
  if (args.dry_run && (args.change_ids !== undefined || args.expected_count !== undefined)) {
    throw new ToolError('change_ids and expected_count choose what to apply; they need dry_run: false.', {
      hint: 'Run the dry run without them, then call again with dry_run: false and the change_ids it returned.',
    });
  }
  const config = context.services.config.refactor;
  const rewriteArgs: RewriteArgs = {
    pattern: args.pattern,
    rule: args.rule,
    rewrite: args.rewrite,
    language: args.language,
    paths: args.paths,
    globs: args.globs,
    include_ignored: args.include_ignored,
    include_hidden: args.include_hidden,
    max_diff_chars: args.max_diff_chars,
  };
  const dryRun = () => delegate(context, 'ast_rewrite', { ...rewriteArgs, apply: false });
  const base = { protected_paths: protectedGlobs(config) };

  let plan = await dryRun();
  if (plan.outcome === 'no_matches' || plan.outcome === 'nothing_scanned') {
    if (!args.dry_run && args.change_ids) throw staleIds(args.change_ids);
    return {
      structured: {
        ...base,
        ...planFields(plan),
        outcome: 'no_changes',
        dry_run: args.dry_run,
        kept: false,
        change_ids: [],
        validation: null,
        restored: [],
      },
      text: [`Nothing to change: ${plan.outcome.replace('_', ' ')}.`, ...plan.hints].join('\n'),
      filesChanged: [],
    };
  }
  let selection = select(context.root, plan, args.change_ids, args.dry_run);
  checkPolicy(selection.files, config);
  if (args.dry_run) {
    const structured: Output = {
      ...base,
      ...planFields(plan),
      outcome: 'dry_run',
      dry_run: true,
      kept: false,
      change_ids: selection.ids,
      validation: null,
      restored: [],
    };
    const applyHint = `To apply: dry_run: false, change_ids: ${JSON.stringify(selection.ids)}, expected_count: ${countOf(selection, plan)}`;
    return {
      structured,
      text: [
        `Dry run: ${plan.total_changes} change(s) in ${plan.files_changed} file(s); nothing written.`,
        ...selection.refused.map((file) => `refused: ${file.file}: ${file.refused}`),
        applyHint,
        ...plan.hints,
        ...diffs(plan),
      ].join('\n'),
      filesChanged: [],
    };
  }

  if (args.validate) await checkValidationCanRun(context);
  const timeoutMs = config.lock_timeout_s * 1000;
  for (let attempt = 1; ; attempt += 1) {
    const locks = await lockFiles(
      selection.files.map((file) => file.absolute),
      { root: context.root, signal: context.signal, timeoutMs },
    );
    try {
      // What another refactor did while this one waited is seen now: the plan made under the lock is
      // the one applied, and ids from before it are judged against it.
      plan = await dryRun();
      if (plan.outcome !== 'changes') {
        if (args.change_ids) throw staleIds(args.change_ids);
        throw new ToolError('Nothing was changed: the pattern no longer matches anything.', {
          hint: 'The files changed since the dry run (another refactor, perhaps); run the dry run again.',
        });
      }
      selection = select(context.root, plan, args.change_ids, false);
      checkPolicy(selection.files, config);
      if (selection.files.every((file) => locks.files.has(file.absolute))) {
        if (!args.validate) return await applyAndValidate(context, args, rewriteArgs, selection, base);
        // Validation runs over the whole workspace, so a verdict must not depend on another
        // refactor's change to other files: apply-and-validate runs one at a time per workspace.
        // Taken after the file locks (always in that order), so it cannot deadlock.
        const workspace = await lockFiles([path.join(context.root, '.tandem', 'refactor-validation')], {
          root: context.root,
          signal: context.signal,
          timeoutMs,
        });
        try {
          return await applyAndValidate(context, args, rewriteArgs, selection, base);
        } finally {
          await workspace.release();
        }
      }
    } finally {
      await locks.release();
    }
    if (attempt >= LOCK_ATTEMPTS) {
      throw new ToolError(
        'The files to change kept changing while the refactor waited for them. Nothing was written.',
        {
          hint: 'Try again when other refactors have finished.',
        },
      );
    }
  }
}

async function applyAndValidate(
  context: Context,
  args: Args,
  rewriteArgs: RewriteArgs,
  selection: Selection,
  base: { protected_paths: string[] },
): Promise<RefactorResult> {
  const backups = await backUp(selection.files.map(({ file, absolute }) => ({ file, absolute })));
  let applied: Plan;
  try {
    applied = await delegate(context, 'ast_rewrite', {
      ...rewriteArgs,
      apply: true,
      change_ids: selection.ids,
      expected_count: args.expected_count,
    });
  } catch (error) {
    // The coder writes all or nothing, but a call that broke off (cancelled, timed out, the coder
    // gone) leaves it unknown: the backups settle it.
    const restored = await restoreVerified(backups);
    const undone = restored.filter((file) => file.rewritten);
    if (undone.length > 0) {
      context.logger.warn('refactor: apply broke off; restored', { files: undone.map((file) => file.file) });
      throw new ToolError(
        `${describeError(error)} The ${undone.length} file(s) it had written were restored byte for byte: ${undone.map((file) => file.file).join(', ')}.`,
      );
    }
    throw error;
  }

  const outcome = { ...base, ...planFields(applied), dry_run: false, change_ids: selection.ids };
  const written = applied.files.map((file) => file.file);
  const summary = `Applied ${applied.total_changes} change(s) in ${applied.files_changed} file(s)`;
  if (!args.validate) {
    return {
      structured: { ...outcome, outcome: 'kept', kept: true, validation: null, restored: [] },
      text: [`${summary}; not validated (validate: false). Kept.`, ...diffs(applied)].join('\n'),
      filesChanged: written,
    };
  }

  let validation: Output['validation'] = null;
  let validationError: string | undefined;
  try {
    validation = await runValidation(context);
  } catch (error) {
    validationError = describeError(error);
  }
  if (validation?.passed && !context.signal.aborted) {
    return {
      structured: { ...outcome, outcome: 'kept', kept: true, validation, restored: [] },
      text: [
        `${summary}; validation passed (${validation.recipe}, ${Math.round(validation.duration_ms)} ms). Kept.`,
        ...diffs(applied),
      ].join('\n'),
      filesChanged: written,
    };
  }

  if (context.signal.aborted) validationError ??= 'The call was cancelled or timed out during validation.';
  const restored = await restoreVerified(backups);
  const why = validationError
    ? `validation did not finish: ${validationError}`
    : `validation failed${validation?.failing_step ? ` (${validation.failing_step.kind}${validation.failing_step.tool ? `, ${validation.failing_step.tool}` : ''})` : ''}`;
  context.logger.info('refactor rolled back', { files: restored.map((file) => file.file), why });
  return {
    structured: {
      ...outcome,
      outcome: 'rolled_back',
      kept: false,
      validation,
      ...(validationError ? { validation_error: validationError } : {}),
      restored,
    },
    text: [
      `${summary}; ${why}. Rolled back: ${restored.length} file(s) restored byte for byte and verified by SHA-256 (${restored.map((file) => file.file).join(', ')}).`,
      ...(validation?.failing_step ? [validation.failing_step.summary] : []),
      ...(validation ? ['--- output tail ---', validation.tail] : []),
      '--- the change that was rolled back ---',
      ...diffs(applied),
    ].join('\n'),
    filesChanged: [],
  };
}

/** Restores and insists on the proof: a file not byte-identical afterwards is an error, loudly. */
async function restoreVerified(backups: readonly FileBackup[]): Promise<RestoredFile[]> {
  const restored = await restore(backups);
  const unverified = restored.filter((file) => !file.verified);
  if (unverified.length > 0) {
    throw new ToolError(
      `Restoring failed: ${unverified.map((file) => file.file).join(', ')} do not have their original bytes again.`,
      { hint: 'Check these files by hand (git diff); the others were restored.' },
    );
  }
  return restored;
}

/** Fails before anything is written when validation could not run at all. */
async function checkValidationCanRun(context: Context): Promise<void> {
  const binary = requireJust(context.services.just);
  const recipe = context.services.config.tasks.validate_recipe;
  const justfile = await loadJustfile(binary, context.root, context.signal);
  if (!justfile.recipes.has(recipe)) {
    throw new ToolError(
      `The justfile has no "${recipe}" recipe to validate the refactor with. Nothing was written.`,
      {
        hint: `Add a ${recipe} recipe that runs the project's checks, set tasks.validate_recipe, or pass validate: false.`,
      },
    );
  }
}

function select(
  root: string,
  plan: Plan,
  changeIds: readonly string[] | undefined,
  dryRun: boolean,
): Selection {
  if (plan.files_changed > plan.files.length) {
    throw new ToolError(
      `The rewrite would change ${plan.files_changed} files; a refactor handles at most ${plan.files.length} at once. Nothing was written.`,
      { hint: 'Narrow it with paths or globs and refactor in parts.' },
    );
  }
  let chosen: PlanFile[];
  let ids: string[];
  if (changeIds) {
    const byId = new Map(plan.files.map((file) => [file.file_id, file]));
    const stale = changeIds.filter((id) => !byId.has(id.split(':')[0] ?? ''));
    if (stale.length > 0) throw staleIds(stale);
    chosen = [...new Set(changeIds.map((id) => byId.get(id.split(':')[0] ?? '') as PlanFile))];
    ids = [...changeIds];
  } else {
    chosen = plan.files.filter((file) => !file.refused);
    ids = chosen.map((file) => file.file_id);
  }
  const refused = changeIds
    ? chosen.filter((file) => file.refused)
    : plan.files.filter((file) => file.refused);
  if (!dryRun && refused.length > 0) {
    throw new ToolError(
      `The rewrite would add syntax errors: ${refused.map((file) => `${file.file} (${file.refused})`).join('; ')}. Nothing was written.`,
      { hint: 'Fix the rewrite (test_rule on a snippet helps), or leave those files out with change_ids.' },
    );
  }
  if (chosen.length === 0) {
    throw new ToolError('Every file the rewrite changes would get new syntax errors. Nothing was written.', {
      hint: 'Fix the rewrite; test_rule and dump_syntax_tree show how it parses.',
    });
  }
  const files = chosen.map(({ file }) => {
    const resolved = resolveInRoot(root, file, 'file');
    return { file, real: resolved.relative, absolute: resolved.absolute };
  });
  return { ids, files, refused };
}

function staleIds(ids: readonly string[]): ToolError {
  return new ToolError(
    `Stale change ids: ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ' …' : ''} match nothing in the files as they are now (a file changed since the dry run, or the ids come from another rewrite). Nothing was written.`,
    { hint: 'Run the dry run again (dry_run: true), check the diff, and apply the ids it returns.' },
  );
}

function countOf(selection: Selection, plan: Plan): number {
  const ids = new Set(selection.ids);
  return plan.files.filter((file) => ids.has(file.file_id)).reduce((sum, file) => sum + file.change_count, 0);
}

function planFields(plan: Plan) {
  return {
    files: plan.files,
    total_changes: plan.total_changes,
    files_changed: plan.files_changed,
    overlapping: plan.overlapping,
    diff_truncated: plan.diff_truncated,
    hints: plan.hints,
  };
}

function diffs(plan: Plan): string[] {
  const lines = plan.files.flatMap((file) =>
    file.diff ? [file.diff.trimEnd()] : [`${file.file}: ${file.change_count} change(s), diff left out`],
  );
  return plan.diff_truncated
    ? [...lines, '… more diff left out (raise max_diff_chars, or narrow paths).']
    : lines;
}
