// Automatic recording against the active plan: consultations, refactor applies, commits and
// validations. Recording never fails the call that did the work: a store problem becomes a warning
// the caller puts into its result.
import { describeError, type Logger } from '@tandem/shared';
import { findActivePlan, planStore, withEvent } from './store.js';

export interface PlanEventInput {
  kind: 'consultation' | 'refactor' | 'commit' | 'validate';
  /** One line: what happened (bounded here). */
  summary: string;
  /** refactor: kept; commit: committed; validate: passed; consultation: answered. */
  ok?: boolean;
  /** A commit sha, a thread id, change ids. */
  ref?: string;
}

export interface PlanRecordContext {
  root: string;
  logger?: Logger;
}

const MAX_SUMMARY_CHARS = 500;
const MAX_REF_CHARS = 200;

const bounded = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Records `event` on the active plan. A no-op without an active plan. Returns `warning` when the
 * event could not be recorded (the plan store is unusable), for the caller's result; never throws.
 */
export async function recordOnPlan(
  context: PlanRecordContext,
  event: PlanEventInput,
): Promise<{ warning?: string }> {
  try {
    const { plan, problems } = await findActivePlan(context.root);
    if (!plan) {
      if (problems.length === 0) return {};
      const files = problems.map((problem) => problem.file).join(', ');
      return {
        warning: `Not recorded on a plan: no readable active plan, and ${files} cannot be read (plan {action: "list"} shows why).`,
      };
    }
    const at = new Date().toISOString();
    await planStore(context.root).update(plan.id, (current) => {
      // Closed or deleted since it was found: nothing to record on.
      if (!current || current.status !== 'active') return current ?? plan;
      return withEvent(current, {
        at,
        kind: event.kind,
        summary: bounded(event.summary.replace(/\s+/g, ' ').trim(), MAX_SUMMARY_CHARS),
        ...(event.ok === undefined ? {} : { ok: event.ok }),
        ...(event.ref === undefined ? {} : { ref: bounded(event.ref, MAX_REF_CHARS) }),
      });
    });
    return {};
  } catch (error) {
    context.logger?.warn('plan: could not record an event', { error: describeError(error) });
    return { warning: `Not recorded on the plan: ${describeError(error)}` };
  }
}
