// The plan's guardrails, checked at the start of a refactor apply and of a commit. `advisory` lets
// the call through with warnings naming the skipped step; `strict` refuses it when there is no
// active plan or, for a commit, no passing validate after the last change. The last change is the
// last refactor the plan recorded as kept: edits made by other means are not seen, since telling
// them apart from the agent's own would need a snapshot of the working tree at every validate.
// A consultation the plan asks for but skipped only ever warns: how much advice a change needs is
// the agent's judgement, whether the tests pass is not.
import { describeError, type GuardrailMode, PolicyRefusal, type TandemConfig } from '@tandem/shared';
import { consultationMissing, loopFacts, validationMissing } from './state.js';
import { findActivePlan } from './store.js';

export type GuardedAction = 'refactor_apply' | 'commit';

export interface GuardrailContext {
  root: string;
  services: { config: Pick<TandemConfig, 'plan'> };
}

interface Finding {
  text: string;
  /** Refused in strict mode. */
  blocks: boolean;
}

const CREATE = 'plan {action: "create", goal, steps}';
const WHAT: Record<GuardedAction, string> = { refactor_apply: 'refactor apply', commit: 'commit' };
const NOTHING_DONE: Record<GuardedAction, string> = {
  refactor_apply: 'Nothing was written.',
  commit: 'Nothing was committed.',
};

async function findings(root: string, action: GuardedAction): Promise<Finding[]> {
  let active: Awaited<ReturnType<typeof findActivePlan>>;
  try {
    active = await findActivePlan(root);
  } catch (error) {
    return [{ text: `no active plan can be read (${describeError(error)})`, blocks: true }];
  }
  const { plan, problems } = active;
  if (!plan) {
    const unreadable =
      problems.length > 0 ? ` (${problems.map((problem) => problem.file).join(', ')} cannot be read)` : '';
    return [{ text: `no active plan${unreadable}: create one with ${CREATE}`, blocks: true }];
  }
  const facts = loopFacts(plan);
  const found: Finding[] = [];
  if (action === 'refactor_apply' && consultationMissing(facts)) {
    found.push({
      text: `plan ${plan.id} has a consult step but no consultation is recorded: consult_specialist before implementing`,
      blocks: false,
    });
  }
  if (action === 'commit') {
    const missing = validationMissing(facts);
    if (missing) found.push({ text: `${missing}: run validate before committing`, blocks: true });
  }
  return found;
}

/**
 * Returns the advisory warnings for `action`, or throws a PolicyRefusal (reason `plan_guardrail`)
 * when the strict guardrails refuse it. Mode `off` reads nothing.
 */
export async function checkGuardrail(
  context: GuardrailContext,
  action: GuardedAction,
): Promise<{ warnings: string[] }> {
  const mode: GuardrailMode = context.services.config.plan.guardrails;
  if (mode === 'off') return { warnings: [] };
  const found = await findings(context.root, action);
  const blocking = found.filter((finding) => finding.blocks);
  if (mode === 'strict' && blocking.length > 0) {
    const reasons = blocking.map((finding) => finding.text);
    throw new PolicyRefusal(
      'PlanGuardrail',
      `The plan's strict guardrails refuse this ${WHAT[action]}: ${reasons.join('; ')}. ${NOTHING_DONE[action]}`,
      { reason: 'plan_guardrail', action, missing: reasons },
      'Follow the loop: plan {action: "show"} says what is missing; plan.guardrails in .tandem/config.yaml sets the mode.',
    );
  }
  const warnings = (mode === 'strict' ? found.filter((finding) => !finding.blocks) : found).map(
    (finding) => `plan: ${finding.text}`,
  );
  return { warnings };
}
