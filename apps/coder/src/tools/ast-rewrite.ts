import { readFileSync } from 'node:fs';
import type { SgNode } from '@ast-grep/napi';
import { ToolError } from '@tandem/shared';
import { astRewriteInput, astRewriteOutput } from '@tandem/shared/schemas';
import { fileKey, parseChangeId } from '../engine/change-id.js';
import { applyEdits, type TextEdit, unifiedDiff } from '../engine/edits.js';
import { noMatchHints } from '../engine/hints.js';
import { cut } from '../engine/present.js';
import { type CompiledQuery, compileQuery } from '../engine/query.js';
import { compileTemplate, renderTemplate } from '../engine/rewrite-template.js';
import { type ScanTarget, scan } from '../engine/search.js';
import { hashBytes, type SourceFile, writeSourceAtomic } from '../engine/source-file.js';
import { syntaxProblems } from '../engine/syntax-errors.js';
import { errorCountOf } from '../engine/tree-cache.js';
import { type CoderServices, defineCoderTool } from './define.js';
import { selectTargets } from './select-targets.js';

const CHANGES_LISTED_PER_FILE = 20;
const FILES_LISTED = 200;
const SNIPPET = 200;

interface Change extends TextEdit {
  node: SgNode;
  id: string;
}

interface Outcome {
  file: PlannedFile;
  changes: Change[];
  after: string;
  /** Known only when the rewritten text has errors. */
  errorsBefore: number | undefined;
  errorsAfter: number;
  refused: string | undefined;
}

const PARALLEL_PARSES = 4;

interface PlannedFile {
  target: ScanTarget;
  source: SourceFile;
  key: string;
  changes: Change[];
  /** Text after every change of the dry run. */
  after: string;
  overlapping: Array<{ node: SgNode; inside: string }>;
  errorsBefore: () => number;
}

/** The rewrite template: the argument, else the rule's `fix`; the features napi cannot honour are refused. */
function templateOf(query: CompiledQuery, rewrite: string | undefined): string {
  const { config } = query;
  if ((config as { rewriters?: unknown }).rewriters !== undefined) {
    throw new ToolError('Rules with `rewriters` are not supported by ast_rewrite.', {
      hint: '@ast-grep/napi cannot run rewriters; write the replacement with metavariables instead.',
    });
  }
  for (const [name, transform] of Object.entries(config.transform ?? {})) {
    if (typeof transform === 'object' && transform !== null && 'rewrite' in transform) {
      throw new ToolError(`Transform "${name}" uses \`rewrite\`, which ast_rewrite does not support.`, {
        hint: '@ast-grep/napi returns such values untransformed; substring, replace and convert work.',
      });
    }
  }
  if (rewrite !== undefined) return rewrite;
  const fix = config.fix;
  if (typeof fix === 'string') return fix;
  if (typeof fix === 'object' && fix !== null) {
    const { template, ...rest } = fix as Record<string, unknown>;
    if (Object.keys(rest).length > 0) {
      throw new ToolError(
        `The rule's fix uses ${Object.keys(rest).join(', ')}, which ast_rewrite does not support.`,
        {
          hint: 'Give the replacement in `rewrite`, or a fix that is a plain template.',
        },
      );
    }
    if (typeof template === 'string') return template;
  }
  throw new ToolError('Nothing to rewrite with: give `rewrite`, or a rule with a `fix`.', {
    hint: 'For example pattern "foo($A)" with rewrite "bar($A)".',
  });
}

async function plan(
  query: CompiledQuery,
  template: string,
  targets: ScanTarget[],
  services: CoderServices,
  signal: AbortSignal,
): Promise<{ files: PlannedFile[]; scanned: number; parsed: Parameters<typeof noMatchHints>[0]['parsed'] }> {
  const result = await scan(targets, query, services.trees, { signal });
  const byFile = new Map<ScanTarget, SgNode[]>();
  for (const match of result.matches) {
    byFile.set(match.target, [...(byFile.get(match.target) ?? []), match.node]);
  }
  const transformNames = Object.keys(query.config.transform ?? {});
  const files: PlannedFile[] = [];
  for (const [target, nodes] of byFile) {
    const loaded = services.trees.source(target.absolute);
    if ('skipped' in loaded) continue; // changed under us into something unreadable; not planned
    const source = loaded.source.file;
    const compiled = compileTemplate(template, { transformNames, eol: source.eol });
    const key = fileKey(target.relative, source.hash);
    const edits = nodes.map((node) => {
      const { start, end } = node.range();
      return {
        start: start.index,
        end: end.index,
        text: renderTemplate(compiled, node, source.text),
        node,
        id: '',
      };
    });
    const { text, applied, overlapping } = applyEdits(source.text, edits);
    applied.forEach((change, index) => {
      change.id = `${key}:${index + 1}`;
    });
    const tree = await services.trees.tree(loaded.source, target.lang);
    files.push({
      target,
      source,
      key,
      changes: applied,
      after: text,
      overlapping: overlapping.map(({ edit, overlaps }) => ({ node: edit.node, inside: overlaps.id })),
      // Counted only when the rewritten text has errors: a clean result cannot have added any.
      errorsBefore: () =>
        errorCountOf(loaded.source, target.lang.name, () => syntaxProblems(tree.root(), source.text).length),
    });
  }
  return {
    files,
    scanned: result.filesScanned,
    parsed: result.parsed.map(({ target, file }) => ({ relative: target.relative, file })),
  };
}

/** The changes the ids select, per file key; refuses unknown ids, naming them. */
function select(files: PlannedFile[], ids: readonly string[]): Map<string, Set<number> | 'all'> {
  const byKey = new Map(files.map((file) => [file.key, file]));
  const selected = new Map<string, Set<number> | 'all'>();
  const unknown: string[] = [];
  for (const raw of ids) {
    const id = raw.trim();
    if (/^[0-9a-f]{8}$/.test(id)) {
      if (byKey.has(id)) selected.set(id, 'all');
      else unknown.push(id);
      continue;
    }
    const parsed = parseChangeId(id);
    const file = parsed ? byKey.get(parsed.key) : undefined;
    if (!parsed || !file || parsed.index > file.changes.length) {
      unknown.push(id);
      continue;
    }
    const current = selected.get(parsed.key);
    if (current === 'all') continue;
    selected.set(parsed.key, (current ?? new Set()).add(parsed.index));
  }
  if (unknown.length > 0) {
    throw new ToolError(
      `Nothing was changed: ${unknown.length} change id(s) match no current change (${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}). A file changed since the dry run, or the ids are not from this rewrite.`,
      { hint: 'Run the dry run again (apply: false) and apply the ids it returns.' },
    );
  }
  return selected;
}

export const astRewrite = defineCoderTool({
  name: 'ast_rewrite',
  title: 'Structural rewrite',
  description:
    'Rewrite code matching an ast-grep pattern or rule. Dry run (default) returns diffs and change ids; apply writes those ids atomically, refusing stale files and new syntax errors.',
  input: astRewriteInput,
  output: astRewriteOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async handler(args, { services, root, signal }) {
    const query = compileQuery(args, services.languages);
    const template = templateOf(query, args.rewrite);
    if (args.apply && (!args.change_ids || args.change_ids.length === 0)) {
      throw new ToolError('apply needs the change_ids of a dry run.', {
        hint: 'Run ast_rewrite with apply: false, check the diff, then apply with the change or file ids it returned.',
      });
    }
    if (!args.apply && args.change_ids) {
      throw new ToolError('change_ids only make sense with apply: true.', {
        hint: 'Leave change_ids out for a dry run.',
      });
    }

    const empty = {
      dry_run: !args.apply,
      files: [],
      total_changes: 0,
      files_changed: 0,
      overlapping: [],
      diff_truncated: false,
    };
    const selection = await selectTargets(args, query, services, root, signal);
    if ('nothing' in selection) {
      const { summary, hints } = selection.nothing;
      return {
        structured: { outcome: 'nothing_scanned' as const, ...empty, files_scanned: 0, hints },
        text: `Nothing scanned: ${summary}\n${hints.join('\n')}`,
      };
    }

    const planned = await plan(query, template, selection.targets, services, signal);
    if (planned.files.length === 0) {
      if (args.apply) {
        throw new ToolError('Nothing was changed: the pattern no longer matches anything.', {
          hint: 'The files changed since the dry run; run it again.',
        });
      }
      const hints = noMatchHints({
        query,
        registry: services.languages,
        parsed: planned.parsed,
        languages: [...new Set(planned.parsed.map((p) => p.file.lang))],
      });
      return {
        structured: { outcome: 'no_matches' as const, ...empty, files_scanned: planned.scanned, hints },
        text: [`No matches in ${planned.scanned} file(s); nothing to rewrite.`, ...hints].join('\n'),
      };
    }

    // Which changes go in: all of them for a dry run, the selected ones for an apply.
    const chosen = args.apply ? select(planned.files, args.change_ids ?? []) : undefined;
    // Every rewritten file is parsed again, a few at a time on napi's thread pool.
    const outcomes: Outcome[] = [];
    const pending = planned.files.filter((file) => !chosen || chosen.has(file.key));
    let next = 0;
    const worker = async () => {
      while (next < pending.length) {
        const file = pending[next] as PlannedFile;
        next += 1;
        signal.throwIfAborted();
        const pick = chosen ? chosen.get(file.key) : 'all';
        const changes =
          !pick || pick === 'all' ? file.changes : file.changes.filter((_, i) => pick.has(i + 1));
        const after = !pick || pick === 'all' ? file.after : applyEdits(file.source.text, changes).text;
        const reparsed = await services.languages.ast.parseAsync(file.target.lang.napiName, after);
        const errorsAfter = syntaxProblems(reparsed.root(), after).length;
        const errorsBefore = errorsAfter > 0 ? file.errorsBefore() : undefined;
        const refused =
          errorsBefore !== undefined && errorsAfter > errorsBefore && !args.allow_syntax_errors
            ? `the rewrite would raise its syntax errors from ${errorsBefore} to ${errorsAfter}`
            : undefined;
        outcomes.push({ file, changes, after, errorsBefore, errorsAfter, refused });
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_PARSES }, worker));
    outcomes.sort((a, b) => (a.file.target.relative < b.file.target.relative ? -1 : 1));
    const total = outcomes.reduce((sum, o) => sum + o.changes.length, 0);

    if (args.apply) {
      const refused = outcomes.filter((o) => o.refused);
      if (refused.length > 0) {
        throw new ToolError(
          `Nothing was changed: ${refused.map((o) => `${o.file.target.relative}: ${o.refused}`).join('; ')}.`,
          { hint: 'Fix the rewrite (validate_syntax shows the errors), or pass allow_syntax_errors: true.' },
        );
      }
      if (args.expected_count !== undefined && args.expected_count !== total) {
        throw new ToolError(
          `Nothing was changed: the ids select ${total} change(s), not the ${args.expected_count} expected.`,
          { hint: 'Run the dry run again and check what changed.' },
        );
      }
      // Last look before writing: a file touched since it was planned is not overwritten.
      for (const { file } of outcomes) {
        if (hashBytes(readFileSync(file.target.absolute)) !== file.source.hash) {
          throw new ToolError(
            `Nothing was changed: ${file.target.relative} changed while the rewrite was prepared.`,
            {
              hint: 'Run the dry run again.',
            },
          );
        }
      }
      const written: typeof outcomes = [];
      for (const outcome of outcomes) {
        const { file, after } = outcome;
        try {
          await writeSourceAtomic(file.target.absolute, after, {
            bom: file.source.bom,
            mode: file.source.mode,
          });
          services.trees.forget(file.target.absolute);
          written.push(outcome);
        } catch (error) {
          // Put back what was already written, so the rewrite is all or nothing.
          const restoreFailures: string[] = [];
          for (const done of written) {
            try {
              await writeSourceAtomic(done.file.target.absolute, done.file.source.text, {
                bom: done.file.source.bom,
                mode: done.file.source.mode,
              });
            } catch {
              restoreFailures.push(done.file.target.relative);
            }
            services.trees.forget(done.file.target.absolute);
          }
          throw new ToolError(
            `Could not write ${file.target.relative}: ${(error as Error).message}. ${
              restoreFailures.length
                ? `Restoring failed for ${restoreFailures.join(', ')}: check them.`
                : `The ${written.length} file(s) written before it were restored; nothing is changed.`
            }`,
            { hint: 'Check the file permissions and free space, then run the dry run again.' },
          );
        }
      }
    }

    let diffBudget = args.max_diff_chars;
    let diffTruncated = false;
    const files = outcomes
      .slice(0, FILES_LISTED)
      .map(({ file, changes, after, errorsBefore, errorsAfter, refused }) => {
        // Once the budget is spent no more diffs are computed: they would not be returned.
        const diff = diffBudget > 0 ? unifiedDiff(file.target.relative, file.source.text, after) : '';
        const fits = diff !== '' && diff.length <= diffBudget;
        if (fits) diffBudget -= diff.length;
        else diffTruncated = true;
        return {
          file: file.target.relative,
          file_id: file.key,
          change_count: changes.length,
          changes: changes.slice(0, CHANGES_LISTED_PER_FILE).map((change) => {
            const { start, end } = change.node.range();
            return {
              id: change.id,
              line: start.line + 1,
              column: start.column + 1,
              end_line: end.line + 1,
              end_column: end.column + 1,
              before: cut(file.source.text.slice(change.start, change.end), SNIPPET),
              after: cut(change.text, SNIPPET),
            };
          }),
          ...(errorsBefore !== undefined ? { syntax_errors_before: errorsBefore } : {}),
          syntax_errors_after: errorsAfter,
          ...(refused ? { refused } : {}),
          ...(fits ? { diff } : {}),
        };
      });
    if (outcomes.length > FILES_LISTED) diffTruncated = true;
    const overlapping = outcomes.flatMap(({ file }) =>
      file.overlapping.map(({ node, inside }) => {
        const { start, end } = node.range();
        return {
          file: file.target.relative,
          line: start.line + 1,
          column: start.column + 1,
          end_line: end.line + 1,
          end_column: end.column + 1,
          inside_change: inside,
        };
      }),
    );
    const hints: string[] = [];
    if (overlapping.length > 0) {
      hints.push(
        `${overlapping.length} match(es) lie inside another match and are not rewritten; run the rewrite again after applying to reach them.`,
      );
    }
    const refusedFiles = outcomes.filter((o) => o.refused);
    if (refusedFiles.length > 0 && !args.apply) {
      hints.push(
        `${refusedFiles.length} file(s) would get new syntax errors and will be refused on apply: leave their ids out, fix the rewrite, or pass allow_syntax_errors: true.`,
      );
    }

    const lines = args.apply
      ? [`Applied ${total} change(s) in ${outcomes.length} file(s).`]
      : [
          `Dry run: ${total} change(s) in ${outcomes.length} file(s); nothing written.`,
          `To apply: apply: true, change_ids: ${JSON.stringify(outcomes.map((o) => o.file.key))}${
            outcomes.length > 1 ? ' (or a subset, or single change ids)' : ''
          }, expected_count: ${total}.`,
        ];
    lines.push(...hints);
    if (args.apply) {
      // The caller saw the diff in the dry run; the apply confirms what was written.
      for (const file of files) lines.push(`${file.file}: ${file.change_count} change(s)`);
    } else {
      for (const file of files) {
        if (file.refused) lines.push(`REFUSED ${file.file}: ${file.refused}`);
        if (file.diff) lines.push(file.diff.trimEnd());
      }
      if (diffTruncated) lines.push('… more diff left out (raise max_diff_chars, or narrow paths).');
    }

    return {
      structured: {
        outcome: args.apply ? ('applied' as const) : ('changes' as const),
        dry_run: !args.apply,
        files,
        total_changes: total,
        files_changed: outcomes.length,
        overlapping,
        files_scanned: planned.scanned,
        diff_truncated: diffTruncated,
        hints,
      },
      text: lines.join('\n'),
      ...(args.apply ? { filesChanged: outcomes.map((o) => o.file.target.relative) } : {}),
    };
  },
});
