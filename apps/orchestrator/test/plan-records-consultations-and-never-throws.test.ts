// recordOnPlan, as the consultation tool calls it: a no-op without an active plan, a consultation
// counted for the consult phase, and a warning instead of an error when the store is unusable.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tandemConfig } from '@tandem/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runPlanAction } from '../src/plan/actions.js';
import { checkGuardrail } from '../src/plan/guardrail.js';
import { recordOnPlan } from '../src/plan/record.js';
import { readPlan } from '../src/plan/store.js';

let root: string;
const config = (guardrails: string) => tandemConfig.parse({ plan: { guardrails } });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-plan-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

it('records a consultation on the active plan and nothing without one', async () => {
  expect(await recordOnPlan({ root }, { kind: 'consultation', summary: 'architect: where?' })).toEqual({});
  const context = { root, services: { config: config('advisory') } };
  const created = await runPlanAction(context, {
    action: 'create',
    goal: 'Split the ledger',
    steps: [
      { title: 'Ask the architect', phase: 'consult' },
      { title: 'Split', phase: 'implement' },
    ],
    replace: false,
    outcome: 'done',
  });
  const id = created.structured.plan?.id as string;
  expect((await checkGuardrail(context, 'refactor_apply')).warnings).toEqual([
    expect.stringContaining('no consultation is recorded'),
  ]);

  expect(
    await recordOnPlan(
      { root },
      { kind: 'consultation', summary: 'architect: where?', ok: true, ref: 'thread-1' },
    ),
  ).toEqual({});
  const plan = await readPlan(root, id);
  expect(plan?.consultations).toBe(1);
  expect(plan?.events.at(-1)).toMatchObject({ kind: 'consultation', ok: true, ref: 'thread-1' });
  expect((await checkGuardrail(context, 'refactor_apply')).warnings).toEqual([]);
  const shown = await runPlanAction(context, { action: 'show', replace: false, outcome: 'done' });
  expect(shown.structured.plan?.phases[1]).toMatchObject({ phase: 'consult', state: 'in_progress' });
  expect(shown.structured.plan?.next[0]).toBe(
    'step 1 (consult): Ask the architect — a consultation is recorded; when it settled the step: plan {action: "record", step: 1, status: "done"}',
  );
});

it('returns a warning instead of throwing when the plans cannot be read', async () => {
  await mkdir(path.join(root, '.tandem'), { recursive: true });
  await writeFile(path.join(root, '.tandem', 'plans'), 'a file where the folder should be');
  const result = await recordOnPlan(
    { root },
    { kind: 'validate', summary: 'agent-validate passed', ok: true },
  );
  expect(result.warning).toContain('.tandem/plans cannot be read');
  await expect(checkGuardrail({ root, services: { config: config('strict') } }, 'commit')).rejects.toThrow(
    /refuse this commit: no active plan \(\.tandem\/plans cannot be read\)/,
  );
});
