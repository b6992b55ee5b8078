// A stored plan as the tool returns it (phases, next, the latest events) and as compact text.
import type { PlanOutput, PlanView } from '@tandem/shared/schemas';
import { nextOf, phasesOf } from './state.js';
import type { StoredPlan } from './store.js';

/** Events the view carries; the plan keeps more. */
export const EVENTS_IN_VIEW = 50;
const EVENTS_IN_TEXT = 12;

export function viewOf(plan: StoredPlan): PlanView {
  return {
    id: plan.id,
    goal: plan.goal,
    status: plan.status,
    created_at: plan.created_at,
    updated_at: plan.updated_at,
    closed_at: plan.closed_at,
    phases: phasesOf(plan),
    steps: plan.steps,
    events: plan.events.slice(-EVENTS_IN_VIEW),
    events_total: plan.events_total,
    next: nextOf(plan),
  };
}

const MARK: Record<PlanView['phases'][number]['state'], string> = {
  done: 'done',
  in_progress: 'in progress',
  pending: 'pending',
  not_planned: 'not planned',
};

const okMark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' [ok]' : ' [FAILED]');

export function renderPlan(view: PlanView): string {
  const lines = [
    `plan ${view.id} (${view.status}${view.closed_at ? ` ${view.closed_at}` : ''}): ${view.goal}`,
  ];
  lines.push(
    `loop: ${view.phases.map((phase) => `${phase.phase} ${MARK[phase.state]}`).join(' -> ')}`,
    ...view.phases.map((phase) => `  ${phase.phase}: ${phase.detail}`),
    'steps:',
    ...view.steps.map(
      (step) =>
        `  ${step.n}. [${step.status}] ${step.phase}: ${step.title}${step.note ? ` — ${step.note}` : ''}`,
    ),
  );
  const shown = view.events.slice(-EVENTS_IN_TEXT);
  lines.push(`events (last ${shown.length} of ${view.events_total}):`);
  for (const event of shown) {
    lines.push(
      `  ${event.at} ${event.kind}${okMark(event.ok)}${event.step ? ` step ${event.step}` : ''}: ${event.summary}`,
    );
  }
  if (view.next.length > 0) lines.push('next:', ...view.next.map((item) => `  - ${item}`));
  return lines.join('\n');
}

export function renderProblems(problems: PlanOutput['problems']): string[] {
  return problems.map((problem) => `unreadable plan record ${problem.file}: ${problem.message}`);
}
