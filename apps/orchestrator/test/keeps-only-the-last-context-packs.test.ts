// Disk use is bounded: only the last context.max_packs packs are kept; an older output_id gets a
// clear error that says how to get a new one.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySampleRepo, getContext, readContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let orchestrator: ConnectedOrchestrator;
let workspace: ReturnType<typeof copySampleRepo>;

beforeAll(async () => {
  workspace = copySampleRepo();
  mkdirSync(path.join(workspace.root, '.tandem'), { recursive: true });
  writeFileSync(path.join(workspace.root, '.tandem', 'config.yaml'), 'context:\n  max_packs: 2\n');
  orchestrator = await connectOrchestrator(workspace.root);
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
  workspace?.remove();
});

it('keeps the last two packs and forgets the oldest', async () => {
  const ids: string[] = [];
  for (const include of [['src/**'], ['tests/**'], ['scripts/**']]) {
    ids.push((await getContext(orchestrator.client, { include })).structured.output_id);
  }
  expect(new Set(ids).size).toBe(3);
  const kept = readdirSync(path.join(workspace.root, '.tandem', 'context')).sort();
  expect(kept).toEqual([`${ids[1]}.json`, `${ids[1]}.pack`, `${ids[2]}.json`, `${ids[2]}.pack`].sort());

  const forgotten = await readContext(orchestrator.client, { output_id: ids[0] });
  expect(forgotten.isError).toBe(true);
  expect(forgotten.text).toMatch(/Call get_codebase_context/);
  expect((await readContext(orchestrator.client, { output_id: ids[2] })).isError).toBe(false);
});
