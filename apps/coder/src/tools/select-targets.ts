// The files a query runs on: walk the scope, give each file its language, keep the languages the
// query applies to. Shared by ast_search and ast_rewrite so both tell "invalid query" from
// "nothing scanned" the same way.
import { ToolError } from '@tandem/shared';
import { walkFiles } from '../engine/files.js';
import type { CompiledQuery } from '../engine/query.js';
import { type ScanTarget, targetsOf } from '../engine/search.js';
import type { CoderServices } from './define.js';
import { scopeSummary, unscannedHints } from './scope.js';

export interface ScopeArgs {
  paths?: string[] | undefined;
  globs?: string[] | undefined;
  include_ignored: boolean;
  include_hidden: boolean;
}

export type Selection =
  | { targets: ScanTarget[]; truncated: boolean }
  | { nothing: { summary: string; hints: string[] } };

function invalid(query: CompiledQuery, problem: string): ToolError {
  return new ToolError(`Invalid ${query.pinned?.name ?? ''} query: ${problem}`.replace('  ', ' '), {
    hint: 'Check the rule against https://ast-grep.github.io/reference/rule.html; test_rule tries it on a snippet.',
  });
}

export async function selectTargets(
  args: ScopeArgs,
  query: CompiledQuery,
  services: CoderServices,
  root: string,
  signal: AbortSignal,
): Promise<Selection> {
  if (query.pinned) {
    const problem = query.problemIn(query.pinned);
    if (problem) throw invalid(query, problem);
  }
  const walked = await walkFiles({
    root,
    paths: args.paths,
    globs: args.globs,
    includeIgnored: args.include_ignored,
    includeHidden: args.include_hidden,
    signal,
  });
  const { targets, unknownLanguage } = targetsOf(root, walked.files, services.languages);
  // Without a pinned language, a pattern is tried in the languages it parses in cleanly; only when it
  // parses cleanly in none are the others tried (the no-match hints then name the parse errors).
  const compiling = targets.filter((target) => query.forLanguage(target.lang));
  const clean = query.pinned ? compiling : compiling.filter((t) => query.patternErrors(t.lang).length === 0);
  const applicable = clean.length > 0 ? clean : compiling;
  if (applicable.length > 0) return { targets: applicable, truncated: walked.truncated };

  if (targets.length > 0 && !query.pinned) {
    // Files were there but the query compiles in none of their languages: that is a bad query.
    const byProblem = new Map<string, string[]>();
    for (const lang of new Set(targets.map((t) => t.lang))) {
      const problem = query.problemIn(lang) ?? 'does not apply';
      byProblem.set(problem, [...(byProblem.get(problem) ?? []), lang.name]);
    }
    const problems = [...byProblem].map(([problem, langs]) => `${problem} (${langs.join(', ')})`);
    throw new ToolError(
      `The query is not valid in any language of the files searched: ${problems.join('; ')}`,
      {
        hint: 'Fix the rule (see the message), or pass `language`.',
      },
    );
  }
  return {
    nothing: {
      summary: scopeSummary(walked, targets.length, unknownLanguage),
      hints: unscannedHints(walked, targets, unknownLanguage, query),
    },
  };
}
