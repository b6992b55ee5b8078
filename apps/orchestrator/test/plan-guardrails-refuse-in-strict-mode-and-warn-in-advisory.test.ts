// The plan's guardrails: strict refuses a refactor apply or a commit without an active plan, and a
// commit without a passing validate after the last refactor, and allows them once the loop is
// followed; a dry run is never refused. Advisory lets everything through with warnings; off is silent.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callPlan } from './support/plan.js';
import { callRefactor } from './support/refactor.js';

const REPORT = 'scripts/report.py';
const KEEPS = {
  pattern: 'sum(self.expenses.values())',
  rewrite: 'sum(cents for cents in self.expenses.values())',
  language: 'python',
};

let repo: TempRepo | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  await repo?.remove();
  orchestrator = undefined;
  repo = undefined;
});

async function start(guardrails: string) {
  repo = await makeGitRepo({ config: `plan:\n  guardrails: ${guardrails}\n` });
  orchestrator = await connectOrchestrator(repo.dir);
  return { repo, o: orchestrator };
}

const commitReport = (o: ConnectedOrchestrator) =>
  callTool(o, 'commit', { message: 'refactor: sum the expenses with a generator', files: [REPORT] });

it('strict: refuses refactor apply and commit until the loop allows them', async () => {
  const { repo, o } = await start('strict');
  const before = await readFile(path.join(repo.dir, REPORT), 'utf8');
  const head = gitIn(repo.dir, 'rev-parse', 'HEAD').trim();

  const dryRun = await callRefactor(o, KEEPS);
  expect(dryRun.isError, dryRun.text).toBe(false);

  const raw = await o.client.callTool(
    { name: 'refactor', arguments: { ...KEEPS, dry_run: false } },
    CallToolResultSchema,
  );
  expect(raw.isError).toBe(true);
  const refusal = (raw.content as Array<{ text: string }>)[0]?.text;
  expect(refusal).toContain("The plan's strict guardrails refuse this refactor apply: no active plan");
  expect(refusal).toContain('Nothing was written.');
  expect(raw._meta?.['tandem/refusal']).toMatchObject({ reason: 'plan_guardrail', action: 'refactor_apply' });
  expect(await readFile(path.join(repo.dir, REPORT), 'utf8')).toBe(before);

  await writeFile(path.join(repo.dir, 'NOTES.md'), 'notes\n');
  const noPlanCommit = await callTool(o, 'commit', { message: 'docs: add notes', files: ['NOTES.md'] });
  expect(noPlanCommit.isError).toBe(true);
  expect(noPlanCommit.text).toContain('refuse this commit: no active plan');
  expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(head);

  await callPlan(o, { action: 'create', goal: 'Simplify the report', steps: [{ title: 'Rewrite the sum' }] });
  // validate: false, so the refactor brings no passing validation of its own.
  const applied = await callRefactor(o, { ...KEEPS, dry_run: false, validate: false });
  expect(applied.output?.outcome, applied.text).toBe('kept');
  expect(applied.output?.warnings).toBeUndefined();

  const unvalidated = await commitReport(o);
  expect(unvalidated.isError).toBe(true);
  expect(unvalidated.text).toMatch(
    /refuse this commit: no passing validate since the last refactor \(\d{4}-/,
  );
  expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).toBe(head);
  const shown = await callPlan(o, { action: 'show' });
  expect(shown.output?.plan?.next).toContainEqual(
    expect.stringContaining('no passing validate since the last refactor'),
  );

  const validated = await callTool(o, 'validate', {});
  expect(validated.structured).toMatchObject({ passed: true });
  const allowed = await commitReport(o);
  expect(allowed.isError, allowed.text).toBe(false);
  expect(allowed.structured?.warnings).toBeUndefined();
  expect(gitIn(repo.dir, 'rev-parse', 'HEAD').trim()).not.toBe(head);
}, 180_000);

it('strict: a failing validate after the change keeps refusing the commit', async () => {
  const { repo, o } = await start('strict');
  await callPlan(o, { action: 'create', goal: 'Break the report', steps: [{ title: 'Flip the sign' }] });
  const applied = await callRefactor(o, {
    pattern: 'summary.income += $X',
    rewrite: 'summary.income -= $X',
    language: 'python',
    dry_run: false,
    validate: false,
  });
  expect(applied.output?.outcome, applied.text).toBe('kept');
  const failed = await callTool(o, 'validate', {});
  expect(failed.structured).toMatchObject({ passed: false });
  const refused = await commitReport(o);
  expect(refused.isError).toBe(true);
  expect(refused.text).toContain('the last validate after the last refactor');
  expect(refused.text).toContain('failed');
  expect(gitIn(repo.dir, 'status', '--porcelain', REPORT).trim()).toBe(`M ${REPORT}`);
}, 180_000);

it('advisory: lets commit and refactor through with warnings in text and structured output', async () => {
  const { o } = await start('advisory');
  const applied = await callRefactor(o, { ...KEEPS, dry_run: false, validate: false });
  expect(applied.output?.outcome, applied.text).toBe('kept');
  expect(applied.output?.warnings).toEqual([
    expect.stringMatching(/^plan: no active plan: create one with plan/),
  ]);
  expect(applied.text).toContain('warning: plan: no active plan');

  await callPlan(o, { action: 'create', goal: 'Simplify the report', steps: [{ title: 'Rewrite the sum' }] });
  const committed = await commitReport(o);
  expect(committed.isError, committed.text).toBe(false);
  // The refactor happened before this plan: the plan has seen no validate at all.
  expect(committed.structured?.warnings).toEqual([
    'plan: no passing validate recorded on the plan: run validate before committing',
  ]);
  expect(committed.text).toContain('warning: plan: no passing validate recorded on the plan');
}, 180_000);

it('off: neither refuses nor warns', async () => {
  const { o } = await start('off');
  const applied = await callRefactor(o, { ...KEEPS, dry_run: false, validate: false });
  expect(applied.output?.outcome, applied.text).toBe('kept');
  expect(applied.output?.warnings).toBeUndefined();
  const committed = await commitReport(o);
  expect(committed.isError, committed.text).toBe(false);
  expect(committed.structured?.warnings).toBeUndefined();
}, 180_000);
