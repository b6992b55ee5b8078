// validate results, refactor applies (kept and rolled back) and commits are recorded on the active
// plan by the tools themselves; a dry run is not; the plan survives a restart of the orchestrator.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callPlan, STEPS } from './support/plan.js';
import { callRefactor } from './support/refactor.js';

const KEEPS = {
  pattern: 'sum(self.expenses.values())',
  rewrite: 'sum(cents for cents in self.expenses.values())',
  language: 'python',
};
const BREAKS = { pattern: 'summary.income += $X', rewrite: 'summary.income -= $X', language: 'python' };

let repo: TempRepo | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterAll(async () => {
  await orchestrator?.close();
  await repo?.remove();
});

it('records validate, refactor and commit on the active plan and keeps them across a restart', async () => {
  repo = await makeGitRepo();
  orchestrator = await connectOrchestrator(repo.dir);
  const o = orchestrator;
  const created = await callPlan(o, { action: 'create', goal: 'Simplify the report', steps: STEPS });
  const id = created.output?.plan?.id;

  const validated = await callTool(o, 'validate', {});
  expect(validated.isError, validated.text).toBe(false);
  expect(validated.structured).toMatchObject({ passed: true });
  expect(validated.structured?.warnings).toBeUndefined();

  const dryRun = await callRefactor(o, KEEPS);
  expect(dryRun.output?.outcome).toBe('dry_run');

  const kept = await callRefactor(o, { ...KEEPS, dry_run: false });
  expect(kept.output?.outcome, kept.text).toBe('kept');
  // The plan has a consult step and no consultation: advisory mode says so, and lets it through.
  expect(kept.output?.warnings).toEqual([
    expect.stringContaining('has a consult step but no consultation is recorded'),
  ]);
  expect(kept.text).toContain('warning: plan: ');

  const rolledBack = await callRefactor(o, { ...BREAKS, dry_run: false });
  expect(rolledBack.output?.outcome, rolledBack.text).toBe('rolled_back');

  const committed = await callTool(o, 'commit', {
    message: 'refactor: sum the expenses with a generator',
    files: ['scripts/report.py'],
  });
  expect(committed.isError, committed.text).toBe(false);
  // The kept refactor's own validation passed: the commit needs no further validate.
  expect(committed.structured?.warnings).toBeUndefined();
  const sha = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();

  const shown = await callPlan(o, { action: 'show' });
  const events = shown.output?.plan?.events ?? [];
  expect(events.map((event) => [event.kind, event.ok])).toEqual([
    ['created', undefined],
    ['validate', true],
    ['refactor', true],
    ['validate', true],
    ['refactor', false],
    ['commit', true],
  ]);
  expect(events[2]?.summary).toContain('kept 1 change(s) in 1 file(s)');
  expect(events[3]?.summary).toContain("the refactor's own validation");
  expect(events[4]?.summary).toContain('rolled back');
  expect(events[5]).toMatchObject({ ref: sha });
  expect(shown.output?.plan?.phases.map((phase) => [phase.phase, phase.state])).toEqual([
    ['plan', 'done'],
    ['consult', 'pending'],
    ['implement', 'in_progress'],
    ['validate', 'in_progress'],
  ]);
  expect(shown.text).toMatch(/refactor \[FAILED\]: rolled back/);
  expect(shown.text).toContain('next:');

  await o.close();
  orchestrator = await connectOrchestrator(repo.dir);
  const again = await callPlan(orchestrator, { action: 'show' });
  expect(again.output?.plan?.id).toBe(id);
  expect(again.output?.plan?.events).toEqual(events);
  const stored = JSON.parse(await readFile(path.join(repo.dir, '.tandem', 'plans', `${id}.json`), 'utf8'));
  expect(stored).toMatchObject({ version: 1, status: 'active', events_total: 6 });
}, 180_000);
