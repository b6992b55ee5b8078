// The `plan` tool: the Plan → Consult → Implement → Validate loop as state per project.
import { z } from 'zod';

export const PLAN_PHASES = ['plan', 'consult', 'implement', 'validate'] as const;
export const STEP_PHASES = ['consult', 'implement', 'validate'] as const;
export const STEP_STATUSES = ['pending', 'done', 'skipped', 'blocked'] as const;
export const PLAN_EVENT_KINDS = [
  'created',
  'consultation',
  'refactor',
  'commit',
  'validate',
  'step',
  'note',
  'closed',
] as const;

export const MAX_PLAN_STEPS = 30;
export const MAX_GOAL_CHARS = 2000;
export const MAX_STEP_TITLE_CHARS = 300;
export const MAX_NOTE_CHARS = 4000;

export const planStepInput = z.object({
  title: z.string().trim().min(1).max(MAX_STEP_TITLE_CHARS),
  phase: z.enum(STEP_PHASES).default('implement').describe('Which part of the loop the step belongs to'),
});

export const planInput = z.object({
  action: z
    .enum(['create', 'show', 'record', 'list', 'close'])
    .describe('create a plan, show where it stands, record progress, list plans, close the active plan'),
  goal: z.string().trim().min(1).max(MAX_GOAL_CHARS).optional().describe('create: what the plan achieves'),
  steps: z.array(planStepInput).min(1).max(MAX_PLAN_STEPS).optional().describe('create: the steps in order'),
  replace: z
    .boolean()
    .default(false)
    .describe('create: abandon the active plan instead of refusing because there is one'),
  id: z.string().min(1).max(64).optional().describe('show: a plan other than the active one'),
  step: z.number().int().min(1).optional().describe('record: the step number (1-based) to update'),
  status: z.enum(STEP_STATUSES).optional().describe("record: the step's new status"),
  note: z.string().trim().min(1).max(MAX_NOTE_CHARS).optional().describe('record/close: a free note'),
  outcome: z.enum(['done', 'abandoned']).default('done').describe('close: how the plan ended'),
});

export const planStep = z.object({
  n: z.number().int(),
  title: z.string(),
  phase: z.enum(STEP_PHASES),
  status: z.enum(STEP_STATUSES),
  note: z.string().optional(),
  updated_at: z.string().optional(),
});

export const planEvent = z.object({
  at: z.string().describe('ISO 8601 time'),
  kind: z.enum(PLAN_EVENT_KINDS),
  summary: z.string(),
  ok: z.boolean().optional().describe('refactor: kept; commit: committed; validate: passed'),
  ref: z.string().optional().describe('A commit sha, thread id or change id'),
  step: z.number().int().optional(),
});

export const planPhase = z.object({
  phase: z.enum(PLAN_PHASES),
  state: z.enum(['done', 'in_progress', 'pending', 'not_planned']),
  detail: z.string(),
});

export const planView = z.object({
  id: z.string(),
  goal: z.string(),
  status: z.enum(['active', 'done', 'abandoned']),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  phases: z.array(planPhase).describe('Plan → Consult → Implement → Validate, from the steps and the events'),
  steps: z.array(planStep),
  events: z.array(planEvent).describe('The most recent events, oldest first'),
  events_total: z.number().int().describe('Events recorded in all, counting ones no longer kept'),
  next: z.array(z.string()).describe('What is missing next'),
});

export const planSummary = z.object({
  id: z.string(),
  goal: z.string(),
  status: z.enum(['active', 'done', 'abandoned']),
  created_at: z.string(),
  closed_at: z.string().nullable(),
  steps_done: z.number().int(),
  steps_total: z.number().int(),
});

export const planStoreProblem = z.object({ file: z.string(), message: z.string() });

export const planOutput = z.object({
  action: z.enum(['create', 'show', 'record', 'list', 'close']),
  guardrails: z.enum(['off', 'advisory', 'strict']),
  plan: planView.nullable().describe('The plan acted on or shown; null when there is none'),
  plans: z.array(planSummary).optional().describe('list: newest first'),
  problems: z.array(planStoreProblem).describe('Stored plans that cannot be read; the rest is served'),
});

export type PlanInput = z.output<typeof planInput>;
export type PlanOutput = z.output<typeof planOutput>;
export type PlanView = z.output<typeof planView>;
export type PlanEvent = z.output<typeof planEvent>;
export type PlanStep = z.output<typeof planStep>;
export type PlanPhase = z.output<typeof planPhase>;
