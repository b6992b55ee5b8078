// The plan tool's own actions: one active plan per workspace, steps and notes recorded by hand,
// older plans listed, a plan closed as done or abandoned, and clear errors for bad input.
import { afterEach, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callPlan, STEPS } from './support/plan.js';
import { makeWorkspace, removeWorkspace } from './support/tasks.js';

let root: string | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
  orchestrator = undefined;
  root = undefined;
});

it('creates, shows, records, lists and closes plans, one active at a time', async () => {
  root = await makeWorkspace('plan', { sample: true });
  orchestrator = await connectOrchestrator(root);
  const o = orchestrator;

  const empty = await callPlan(o, { action: 'show' });
  expect(empty.isError, empty.text).toBe(false);
  expect(empty.output).toMatchObject({ plan: null, guardrails: 'advisory', problems: [] });
  expect(empty.text).toContain('No active plan');

  const noGoal = await callPlan(o, { action: 'create', steps: STEPS });
  expect(noGoal.isError).toBe(true);
  expect(noGoal.text).toContain('create needs a goal and steps');

  const created = await callPlan(o, { action: 'create', goal: 'Simplify the report', steps: STEPS });
  expect(created.isError, created.text).toBe(false);
  const first = created.output?.plan;
  expect(first).toMatchObject({ goal: 'Simplify the report', status: 'active', closed_at: null });
  expect(first?.steps.map((step) => [step.n, step.phase, step.status])).toEqual([
    [1, 'consult', 'pending'],
    [2, 'implement', 'pending'],
    [3, 'validate', 'pending'],
  ]);
  expect(first?.phases.map((phase) => [phase.phase, phase.state])).toEqual([
    ['plan', 'done'],
    ['consult', 'pending'],
    ['implement', 'pending'],
    ['validate', 'pending'],
  ]);
  expect(first?.next[0]).toMatch(/^step 1 \(consult\): Ask the architect/);
  expect(created.text).toContain(
    'loop: plan done -> consult pending -> implement pending -> validate pending',
  );

  const second = await callPlan(o, { action: 'create', goal: 'Another', steps: STEPS });
  expect(second.isError).toBe(true);
  expect(second.text).toContain(`Plan ${first?.id} is active`);
  expect(second.text).toContain('replace: true');

  const skipped = await callPlan(o, { action: 'record', step: 1, status: 'skipped', note: 'nothing to ask' });
  expect(skipped.isError, skipped.text).toBe(false);
  expect(skipped.output?.plan?.steps[0]).toMatchObject({ status: 'skipped', note: 'nothing to ask' });
  expect(skipped.output?.plan?.phases[1]).toMatchObject({ phase: 'consult', state: 'done' });
  const noted = await callPlan(o, { action: 'record', note: 'the tests live in scripts/' });
  expect(noted.output?.plan?.events.map((event) => [event.kind, event.step])).toEqual([
    ['created', undefined],
    ['step', 1],
    ['note', undefined],
  ]);
  expect(noted.output?.plan?.events[2]?.summary).toBe('the tests live in scripts/');
  expect(noted.output?.plan?.events[2]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);

  const statusOnly = await callPlan(o, { action: 'record', status: 'done' });
  expect(statusOnly.isError).toBe(true);
  expect(statusOnly.text).toContain('pass step as well');
  const noSuchStep = await callPlan(o, { action: 'record', step: 9, status: 'done' });
  expect(noSuchStep.isError).toBe(true);
  expect(noSuchStep.text).toContain('there is no step 9');
  const badStatus = await callPlan(o, { action: 'record', step: 1, status: 'finished' });
  expect(badStatus.isError).toBe(true);

  const replaced = await callPlan(o, {
    action: 'create',
    goal: 'Rename the ledger',
    steps: [{ title: 'Rename' }],
    replace: true,
  });
  expect(replaced.isError, replaced.text).toBe(false);
  expect(replaced.text).toContain(`Plan ${first?.id} abandoned.`);
  const secondId = replaced.output?.plan?.id;

  const listed = await callPlan(o, { action: 'list' });
  expect(
    listed.output?.plans?.map((plan) => [plan.id, plan.status, plan.steps_done, plan.steps_total]),
  ).toEqual([
    [secondId, 'active', 0, 1],
    [first?.id, 'abandoned', 1, 3],
  ]);
  expect(listed.output?.plan?.id).toBe(secondId);

  const old = await callPlan(o, { action: 'show', id: first?.id });
  expect(old.output?.plan).toMatchObject({ status: 'abandoned', next: [] });
  expect(old.output?.plan?.events.at(-1)).toMatchObject({ kind: 'closed' });
  const unknown = await callPlan(o, { action: 'show', id: 'plan-nope' });
  expect(unknown.isError).toBe(true);
  expect(unknown.text).toContain('There is no plan "plan-nope"');
  const traversal = await callPlan(o, { action: 'show', id: '../config' });
  expect(traversal.isError).toBe(true);

  const closed = await callPlan(o, { action: 'close', note: 'renamed' });
  expect(closed.output?.plan).toMatchObject({ id: secondId, status: 'done' });
  expect(closed.output?.plan?.closed_at).not.toBeNull();
  expect((await callPlan(o, { action: 'show' })).output?.plan).toBeNull();
  const nothingActive = await callPlan(o, { action: 'record', note: 'late' });
  expect(nothingActive.isError).toBe(true);
  expect(nothingActive.text).toContain('There is no active plan');
});
