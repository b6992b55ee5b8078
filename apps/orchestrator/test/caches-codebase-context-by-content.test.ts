// A repeat over unchanged files is served from the kept result; a changed file makes a new pack.
import { appendFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySampleRepo, getContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let orchestrator: ConnectedOrchestrator;
let workspace: ReturnType<typeof copySampleRepo>;

beforeAll(async () => {
  workspace = copySampleRepo();
  orchestrator = await connectOrchestrator(workspace.root);
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
  workspace?.remove();
});

it('serves a repeat from the cache and packs again after a file changes', async () => {
  const first = (await getContext(orchestrator.client)).structured;
  expect(first.cached).toBe(false);

  const repeat = await getContext(orchestrator.client);
  expect(repeat.structured.cached).toBe(true);
  expect(repeat.structured.output_id).toBe(first.output_id);
  expect(repeat.structured.content).toBe(first.content);
  expect(repeat.text).toContain('(cached)');

  // Other options are another pack.
  const markdown = (await getContext(orchestrator.client, { style: 'markdown' })).structured;
  expect(markdown.cached).toBe(false);
  expect(markdown.output_id).not.toBe(first.output_id);

  const file = path.join(workspace.root, 'src', 'format.ts');
  appendFileSync(file, '\nexport const changed = true;\n');
  const changed = (await getContext(orchestrator.client)).structured;
  expect(changed.cached).toBe(false);
  expect(changed.output_id).not.toBe(first.output_id);
  expect(changed.content).toContain('export const changed = true;');
});

it('keys on contents: a touched but unchanged file is still a hit', async () => {
  const before = (await getContext(orchestrator.client)).structured;
  const file = path.join(workspace.root, 'src', 'format.ts');
  const later = new Date(Date.now() + 60_000);
  utimesSync(file, later, later);
  const after = (await getContext(orchestrator.client)).structured;
  expect(after.cached).toBe(true);
  expect(after.output_id).toBe(before.output_id);
});

it('answers from the kept result after a restart', async () => {
  const before = (await getContext(orchestrator.client)).structured;
  await orchestrator.close();
  orchestrator = await connectOrchestrator(workspace.root);
  const after = (await getContext(orchestrator.client)).structured;
  expect(after.cached).toBe(true);
  expect(after.output_id).toBe(before.output_id);
});
