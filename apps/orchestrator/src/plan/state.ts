// Where a plan stands, derived from its steps and its recorded events: the four phases, the facts
// the guardrails check, and what is missing next. Pure: the tool, the guardrails and the rendering
// all read the same answer.
import type { PlanEvent, PlanPhase, PlanStep } from '@tandem/shared/schemas';
import type { StoredPlan } from './store.js';

export interface LoopFacts {
  /** The last change the plan knows of: the last refactor that was kept. */
  lastChange: PlanEvent | undefined;
  /** The last validate result, wherever it falls. */
  lastValidate: PlanEvent | undefined;
  /** The last validate result comes after the last change. */
  validateAfterChange: boolean;
  /** ... and it passed. */
  validatedSinceChange: boolean;
  consultSteps: { total: number; finished: number };
  consultations: number;
}

const finished = (step: PlanStep) => step.status === 'done' || step.status === 'skipped';

function lastIndex(events: readonly PlanEvent[], test: (event: PlanEvent) => boolean): number {
  for (let index = events.length - 1; index >= 0; index -= 1) {
    if (test(events[index] as PlanEvent)) return index;
  }
  return -1;
}

function stepCount(plan: StoredPlan, phase: PlanStep['phase']) {
  const steps = plan.steps.filter((step) => step.phase === phase);
  return { total: steps.length, finished: steps.filter(finished).length };
}

export function loopFacts(plan: StoredPlan): LoopFacts {
  const changeAt = lastIndex(plan.events, (event) => event.kind === 'refactor' && event.ok === true);
  const validateAt = lastIndex(plan.events, (event) => event.kind === 'validate');
  const lastValidate = plan.events[validateAt];
  return {
    lastChange: plan.events[changeAt],
    lastValidate,
    validateAfterChange: validateAt > changeAt,
    validatedSinceChange: validateAt > changeAt && lastValidate?.ok === true,
    consultSteps: stepCount(plan, 'consult'),
    consultations: plan.consultations,
  };
}

/** The plan expects a consultation (it has a consult step not yet finished) and none is recorded. */
export function consultationMissing(facts: LoopFacts): boolean {
  return facts.consultations === 0 && facts.consultSteps.total > facts.consultSteps.finished;
}

/** Says what stands between the last change and a commit; undefined when nothing does. */
export function validationMissing(facts: LoopFacts): string | undefined {
  if (facts.validatedSinceChange) return undefined;
  if (facts.lastChange) {
    return facts.validateAfterChange
      ? `the last validate after the last refactor (${facts.lastChange.at}) failed`
      : `no passing validate since the last refactor (${facts.lastChange.at})`;
  }
  return facts.lastValidate
    ? `the last validate (${facts.lastValidate.at}) failed`
    : 'no passing validate recorded on the plan';
}

const count = (plan: StoredPlan, kind: PlanEvent['kind'], ok?: boolean) =>
  plan.events.filter((event) => event.kind === kind && (ok === undefined || event.ok === ok)).length;

export function phasesOf(plan: StoredPlan): PlanPhase[] {
  const facts = loopFacts(plan);
  const consult = facts.consultSteps;
  const implement = stepCount(plan, 'implement');
  const validate = stepCount(plan, 'validate');
  const kept = count(plan, 'refactor', true);
  const commits = count(plan, 'commit');
  const changes = kept + commits;

  const consultState: PlanPhase['state'] =
    consult.total > 0
      ? consult.finished === consult.total
        ? 'done'
        : consult.finished > 0 || facts.consultations > 0
          ? 'in_progress'
          : 'pending'
      : facts.consultations > 0
        ? 'done'
        : 'not_planned';
  const implementState: PlanPhase['state'] =
    implement.total > 0
      ? implement.finished === implement.total
        ? 'done'
        : implement.finished > 0 || changes > 0
          ? 'in_progress'
          : 'pending'
      : changes > 0
        ? 'done'
        : 'not_planned';
  const validateState: PlanPhase['state'] = facts.validatedSinceChange
    ? validate.finished === validate.total
      ? 'done'
      : 'in_progress'
    : facts.lastValidate || validate.finished > 0
      ? 'in_progress'
      : 'pending';

  const steps = (part: { total: number; finished: number }) =>
    part.total > 0 ? `; steps ${part.finished}/${part.total} finished` : '';
  return [
    {
      phase: 'plan',
      state: 'done',
      detail: `created ${plan.created_at} with ${plan.steps.length} step(s)`,
    },
    {
      phase: 'consult',
      state: consultState,
      detail: `${facts.consultations} consultation(s) recorded${steps(consult)}`,
    },
    {
      phase: 'implement',
      state: implementState,
      detail: `${kept} refactor(s) kept, ${count(plan, 'refactor', false)} rolled back, ${commits} commit(s)${steps(implement)}`,
    },
    {
      phase: 'validate',
      state: validateState,
      detail: `${
        facts.lastValidate
          ? `last validate ${facts.lastValidate.ok ? 'passed' : 'FAILED'} at ${facts.lastValidate.at}`
          : 'no validate recorded'
      }${facts.validatedSinceChange ? '' : `; ${validationMissing(facts)}`}${steps(validate)}`,
    },
  ];
}

const HOW: Record<PlanStep['phase'], string> = {
  consult: 'consult_specialist is recorded here',
  implement: 'refactor and commit are recorded here',
  validate: 'validate is recorded here',
};

export function nextOf(plan: StoredPlan): string[] {
  if (plan.status !== 'active') return [];
  const facts = loopFacts(plan);
  const next: string[] = [];
  for (const step of plan.steps.filter((candidate) => candidate.status === 'blocked')) {
    next.push(`step ${step.n} is blocked${step.note ? `: ${step.note}` : ''}`);
  }
  const pending = plan.steps.find((step) => step.status === 'pending');
  if (pending) next.push(`step ${pending.n} (${pending.phase}): ${pending.title} — ${HOW[pending.phase]}`);
  if (consultationMissing(facts) && facts.lastChange) {
    next.push('changes were made before any consultation the plan asks for');
  }
  const missing = validationMissing(facts);
  if (missing) next.push(`${missing}: run validate`);
  if (!pending && plan.steps.every(finished) && !missing) {
    next.push('every step is finished and validated: plan {action: "close"}');
  }
  return next;
}
