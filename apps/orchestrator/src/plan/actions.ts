// The `plan` tool's actions on the store: create, show, record, list, close.
import { ToolError } from '@tandem/shared';
import type { PlanInput, PlanOutput } from '@tandem/shared/schemas';
import { newRecordId, RecordStore, type StoreProblem } from '../store/record-store.js';
import type { OrchestratorServices } from '../tools/define.js';
import {
  findActivePlan,
  listPlans,
  PLANS_COLLECTION,
  planStore,
  readPlan,
  type StoredPlan,
  withEvent,
} from './store.js';
import { renderPlan, renderProblems, viewOf } from './view.js';

export interface PlanActionContext {
  root: string;
  services: Pick<OrchestratorServices, 'config'>;
}

export interface PlanActionResult {
  structured: PlanOutput;
  text: string;
  filesChanged?: string[];
}

const LIST_LIMIT = 50;
const CREATE = 'plan {action: "create", goal, steps}';

// Creating checks for an active plan, then writes: one create at a time in this process, so two
// concurrent calls cannot both find none. (Two processes still could; the newest plan then wins.)
let creating: Promise<unknown> = Promise.resolve();

const fileOf = (id: string) => `.tandem/${PLANS_COLLECTION}/${id}.json`;
const problemsOf = (problems: StoreProblem[]) =>
  problems.map((problem) => ({ file: problem.file, message: problem.message }));

function result(
  context: PlanActionContext,
  action: PlanInput['action'],
  plan: StoredPlan | undefined,
  problems: StoreProblem[],
  lead?: string,
): PlanActionResult {
  const view = plan ? viewOf(plan) : null;
  const structured: PlanOutput = {
    action,
    guardrails: context.services.config.plan.guardrails,
    plan: view,
    problems: problemsOf(problems),
  };
  const text = [
    lead,
    view ? renderPlan(view) : `No active plan. Create one: ${CREATE}.`,
    ...renderProblems(structured.problems),
  ]
    .filter(Boolean)
    .join('\n');
  return { structured, text };
}

async function requireActive(root: string): Promise<{ plan: StoredPlan; problems: StoreProblem[] }> {
  const { plan, problems } = await findActivePlan(root);
  if (!plan) {
    const unreadable =
      problems.length > 0 ? ` (${problems.map((problem) => problem.file).join(', ')} cannot be read)` : '';
    throw new ToolError(`There is no active plan${unreadable}.`, { hint: `Create one: ${CREATE}.` });
  }
  return { plan, problems };
}

async function create(context: PlanActionContext, args: PlanInput): Promise<PlanActionResult> {
  if (!args.goal || !args.steps) {
    throw new ToolError('create needs a goal and steps.', {
      hint: 'Pass goal: "what the plan achieves" and steps: [{title, phase: consult | implement | validate}].',
    });
  }
  const { goal, steps } = args;
  const run = creating.then(async () => {
    const store = planStore(context.root);
    const { plan: active, problems } = await findActivePlan(context.root);
    const id = newRecordId('plan');
    const at = new Date().toISOString();
    if (active && !args.replace) {
      throw new ToolError(`Plan ${active.id} is active ("${active.goal}"); one plan at a time.`, {
        hint: 'Close it first (plan {action: "close", outcome: "done" | "abandoned"}) or pass replace: true to abandon it.',
      });
    }
    if (active) {
      await store.update(active.id, (current) => {
        const old = current ?? active;
        return {
          ...withEvent(old, { at, kind: 'closed', summary: `abandoned: replaced by plan ${id}` }),
          status: 'abandoned' as const,
          closed_at: at,
        };
      });
    }
    const plan: StoredPlan = withEvent(
      {
        version: 1,
        id,
        goal,
        status: 'active',
        created_at: at,
        updated_at: at,
        closed_at: null,
        steps: steps.map((step, index) => ({
          n: index + 1,
          title: step.title,
          phase: step.phase,
          status: 'pending',
        })),
        events: [],
        events_total: 0,
        consultations: 0,
      },
      {
        at,
        kind: 'created',
        summary: `${steps.length} step(s)${active ? `; replaces plan ${active.id}` : ''}`,
      },
    );
    await store.put(id, plan);
    return { plan, problems, replaced: active?.id };
  });
  creating = run.catch(() => undefined);
  const { plan, problems, replaced } = await run;
  const done = result(
    context,
    'create',
    plan,
    problems,
    replaced ? `Plan ${replaced} abandoned.` : undefined,
  );
  return { ...done, filesChanged: [fileOf(plan.id), ...(replaced ? [fileOf(replaced)] : [])] };
}

async function show(context: PlanActionContext, args: PlanInput): Promise<PlanActionResult> {
  if (args.id !== undefined) {
    const plan = await readPlan(context.root, args.id);
    if (!plan) {
      throw new ToolError(`There is no plan "${args.id}".`, {
        hint: 'plan {action: "list"} lists the plans.',
      });
    }
    return result(context, 'show', plan, []);
  }
  const { plan, problems } = await findActivePlan(context.root);
  return result(context, 'show', plan, problems);
}

async function record(context: PlanActionContext, args: PlanInput): Promise<PlanActionResult> {
  if (args.step === undefined && args.status !== undefined) {
    throw new ToolError('A status belongs to a step: pass step as well.', {
      hint: 'To finish or abandon the whole plan use {action: "close", outcome: "done" | "abandoned"}.',
    });
  }
  if (args.status === undefined && args.note === undefined) {
    throw new ToolError('record needs a step with a status, or a note.', {
      hint: 'E.g. {action: "record", step: 2, status: "done", note: "..."} or {action: "record", note: "..."}.',
    });
  }
  const { plan: active, problems } = await requireActive(context.root);
  const step = args.step;
  if (step !== undefined && step > active.steps.length) {
    throw new ToolError(`Plan ${active.id} has ${active.steps.length} step(s); there is no step ${step}.`, {
      hint: 'Steps are numbered from 1 as plan {action: "show"} lists them.',
    });
  }
  const at = new Date().toISOString();
  const updated = await planStore(context.root).update(active.id, (current) => {
    if (!current || current.status !== 'active') {
      throw new ToolError(`Plan ${active.id} was closed meanwhile.`, { hint: 'plan {action: "show"}' });
    }
    if (step === undefined) return withEvent(current, { at, kind: 'note', summary: args.note ?? '' });
    const steps = current.steps.map((candidate) =>
      candidate.n === step
        ? {
            ...candidate,
            ...(args.status ? { status: args.status } : {}),
            ...(args.note ? { note: args.note } : {}),
            updated_at: at,
          }
        : candidate,
    );
    const changed = steps[step - 1];
    const summary = args.status
      ? `${changed?.title}: ${args.status}${args.note ? ` — ${args.note}` : ''}`
      : `${changed?.title}: ${args.note}`;
    return { ...withEvent(current, { at, kind: args.status ? 'step' : 'note', summary, step }), steps };
  });
  return { ...result(context, 'record', updated, problems), filesChanged: [fileOf(updated.id)] };
}

async function close(context: PlanActionContext, args: PlanInput): Promise<PlanActionResult> {
  const { plan: active, problems } = await requireActive(context.root);
  const at = new Date().toISOString();
  const closed = await planStore(context.root).update(active.id, (current) => {
    if (!current || current.status !== 'active') {
      throw new ToolError(`Plan ${active.id} was closed meanwhile.`, { hint: 'plan {action: "show", id}' });
    }
    return {
      ...withEvent(current, {
        at,
        kind: 'closed',
        summary: `${args.outcome}${args.note ? `: ${args.note}` : ''}`,
      }),
      status: args.outcome,
      closed_at: at,
    };
  });
  return { ...result(context, 'close', closed, problems), filesChanged: [fileOf(closed.id)] };
}

async function list(context: PlanActionContext): Promise<PlanActionResult> {
  const { records, problems } = await listPlans(context.root);
  const plans = records
    .map((record) => record.value)
    .sort((a, b) => b.created_at.localeCompare(a.created_at));
  const shown = plans.slice(0, LIST_LIMIT).map((plan) => ({
    id: plan.id,
    goal: plan.goal,
    status: plan.status,
    created_at: plan.created_at,
    closed_at: plan.closed_at,
    steps_done: plan.steps.filter((step) => step.status === 'done' || step.status === 'skipped').length,
    steps_total: plan.steps.length,
  }));
  const active = plans.find((plan) => plan.status === 'active');
  const structured: PlanOutput = {
    action: 'list',
    guardrails: context.services.config.plan.guardrails,
    plan: active ? viewOf(active) : null,
    plans: shown,
    problems: problemsOf(problems),
  };
  const lines = [
    `${plans.length} plan(s)${plans.length > shown.length ? `, newest ${shown.length} listed` : ''}; guardrails: ${structured.guardrails}`,
    ...shown.map(
      (plan) =>
        `  ${plan.id} [${plan.status}] ${plan.steps_done}/${plan.steps_total} steps: ${plan.goal.slice(0, 120)}`,
    ),
    ...renderProblems(structured.problems),
  ];
  return { structured, text: lines.join('\n') };
}

export async function runPlanAction(context: PlanActionContext, args: PlanInput): Promise<PlanActionResult> {
  if (args.id !== undefined) RecordStore.checkId(args.id, 'plan id');
  switch (args.action) {
    case 'create':
      return create(context, args);
    case 'show':
      return show(context, args);
    case 'record':
      return record(context, args);
    case 'list':
      return list(context);
    case 'close':
      return close(context, args);
  }
}
