// What refactor, commit and validate record on the active plan, and how the plan's warnings join
// their results: one line each at the end of the text, and the structured `warnings` field.
import type { PlanRecordContext } from './record.js';
import { recordOnPlan } from './record.js';

interface RefactorResult {
  outcome: string;
  total_changes: number;
  files_changed: number;
  change_ids: readonly string[];
  validation?: { passed: boolean; recipe: string } | null;
}

const warningsOf = (...results: Array<{ warning?: string }>) =>
  results.flatMap((result) => (result.warning ? [result.warning] : []));

/** A kept or rolled-back apply; a kept one whose own validation passed also counts as a validate. */
export async function recordRefactor(
  context: PlanRecordContext,
  args: { pattern?: string; rewrite?: string },
  result: RefactorResult,
): Promise<string[]> {
  if (result.outcome !== 'kept' && result.outcome !== 'rolled_back') return [];
  const kept = result.outcome === 'kept';
  const what =
    args.pattern === undefined
      ? 'rule'
      : `${JSON.stringify(args.pattern)}${args.rewrite === undefined ? '' : ` -> ${JSON.stringify(args.rewrite)}`}`;
  const recorded = await recordOnPlan(context, {
    kind: 'refactor',
    ok: kept,
    summary: kept
      ? `kept ${result.total_changes} change(s) in ${result.files_changed} file(s): ${what}`
      : `rolled back ${what}${result.validation ? ` (${result.validation.recipe} failed)` : ''}`,
    ref: result.change_ids.join(','),
  });
  if (!kept || !result.validation?.passed) return warningsOf(recorded);
  const validated = await recordOnPlan(context, {
    kind: 'validate',
    ok: true,
    summary: `${result.validation.recipe} passed (the refactor's own validation)`,
  });
  return warningsOf(recorded, validated);
}

export async function recordCommit(
  context: PlanRecordContext,
  result: { sha: string; branch: string; header: string },
): Promise<string[]> {
  return warningsOf(
    await recordOnPlan(context, {
      kind: 'commit',
      ok: true,
      summary: `${result.sha.slice(0, 12)} on ${result.branch}: ${result.header}`,
      ref: result.sha,
    }),
  );
}

export async function recordValidate(
  context: PlanRecordContext,
  result: { passed: boolean; recipe: string; duration_ms: number },
): Promise<string[]> {
  return warningsOf(
    await recordOnPlan(context, {
      kind: 'validate',
      ok: result.passed,
      summary: `${result.recipe} ${result.passed ? 'passed' : 'FAILED'} in ${result.duration_ms} ms`,
    }),
  );
}

/** Adds the warnings to a tool's result; a result without warnings is returned as it was. */
export function withWarnings<T extends { structured: object; text?: string }>(
  result: T,
  warnings: readonly string[],
): T {
  if (warnings.length === 0) return result;
  return {
    ...result,
    structured: { ...result.structured, warnings: [...warnings] },
    text: [result.text ?? '', ...warnings.map((warning) => `warning: ${warning}`)].filter(Boolean).join('\n'),
  };
}
