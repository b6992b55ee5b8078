// Plans on the embedded store: one record per plan under .tandem/plans/, at most one of them
// active per workspace. The active plan is the record whose status is `active` — found by listing,
// since plans are few and a separate pointer record could disagree with the plans themselves.
import { planEvent, planStep } from '@tandem/shared/schemas';
import { z } from 'zod';
import { type Listing, RecordStore, type StoreProblem } from '../store/record-store.js';

export const PLANS_COLLECTION = 'plans';
/** Events kept per plan; older ones are dropped (events_total still counts them). */
export const MAX_PLAN_EVENTS = 200;

export const storedPlan = z.object({
  version: z.literal(1),
  id: z.string(),
  goal: z.string(),
  status: z.enum(['active', 'done', 'abandoned']),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullable(),
  steps: z.array(planStep),
  events: z.array(planEvent),
  events_total: z.number().int().min(0),
  /** Consultations recorded in all: the events that show them may have been dropped. */
  consultations: z.number().int().min(0),
});

export type StoredPlan = z.output<typeof storedPlan>;

export function planStore(root: string): RecordStore<typeof storedPlan> {
  return new RecordStore(root, PLANS_COLLECTION, storedPlan);
}

/** The plan, undefined when there is none; CorruptRecordError (a ToolError) when it cannot be read. */
export async function readPlan(root: string, id: string): Promise<StoredPlan | undefined> {
  return planStore(root).get(RecordStore.checkId(id, 'plan id'));
}

export async function listPlans(root: string): Promise<Listing<StoredPlan>> {
  return planStore(root).list();
}

export interface ActivePlan {
  plan: StoredPlan | undefined;
  /** Plans that cannot be read: one of them may be the active one. */
  problems: StoreProblem[];
}

export async function findActivePlan(root: string): Promise<ActivePlan> {
  const { records, problems } = await listPlans(root);
  // Two active plans only come from two processes creating at once: the newest one wins.
  const active = records
    .map((record) => record.value)
    .filter((plan) => plan.status === 'active')
    .sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  return { plan: active, problems };
}

/** Appends an event, dropping the oldest beyond MAX_PLAN_EVENTS. */
export function withEvent(plan: StoredPlan, event: z.input<typeof planEvent>): StoredPlan {
  const events = [...plan.events, planEvent.parse(event)];
  return {
    ...plan,
    updated_at: event.at,
    events: events.slice(Math.max(0, events.length - MAX_PLAN_EVENTS)),
    events_total: plan.events_total + 1,
    consultations: plan.consultations + (event.kind === 'consultation' ? 1 : 0),
  };
}
