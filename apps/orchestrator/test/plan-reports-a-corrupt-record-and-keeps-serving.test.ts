// A plan record that cannot be read is reported by file, by the plan tool and as a warning of the
// tools that record on plans; every other plan and every other tool keeps working.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callPlan } from './support/plan.js';
import { makeWorkspace, removeWorkspace } from './support/tasks.js';

let root: string | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
  orchestrator = undefined;
  root = undefined;
});

it('reports a corrupt plan record and keeps serving', async () => {
  root = await makeWorkspace('plan-corrupt', { sample: true });
  await mkdir(path.join(root, '.tandem', 'plans'), { recursive: true });
  await writeFile(path.join(root, '.tandem', 'plans', 'plan-broken.json'), '{"goal": "half a rec');
  orchestrator = await connectOrchestrator(root);
  const o = orchestrator;
  const problem = {
    file: '.tandem/plans/plan-broken.json',
    message: expect.stringContaining('not valid JSON'),
  };

  const listed = await callPlan(o, { action: 'list' });
  expect(listed.isError, listed.text).toBe(false);
  expect(listed.output).toMatchObject({ plans: [], plan: null, problems: [problem] });
  expect(listed.text).toContain('unreadable plan record .tandem/plans/plan-broken.json');

  const shown = await callPlan(o, { action: 'show', id: 'plan-broken' });
  expect(shown.isError).toBe(true);
  expect(shown.text).toContain('.tandem/plans/plan-broken.json cannot be used');

  // The unreadable record might be the active plan: validate says its result was not recorded.
  const validated = await callTool(o, 'validate', {});
  expect(validated.isError, validated.text).toBe(false);
  expect(validated.structured?.warnings).toEqual([
    expect.stringContaining('.tandem/plans/plan-broken.json cannot be read'),
  ]);

  const created = await callPlan(o, {
    action: 'create',
    goal: 'Go on',
    steps: [{ title: 'Validate', phase: 'validate' }],
  });
  expect(created.isError, created.text).toBe(false);
  expect(created.output?.problems).toEqual([problem]);
  const again = await callTool(o, 'validate', {});
  expect(again.structured?.warnings).toBeUndefined();
  const shownActive = await callPlan(o, { action: 'show' });
  expect(shownActive.output?.plan?.events.map((event) => event.kind)).toEqual(['created', 'validate']);
  expect((await o.status()).server.name).toBe('tandem-orchestrator');
}, 120_000);
