// A content over 1 MiB goes to the client once, in structuredContent (which Claude Code and Codex
// give their model): repeated in the text block it would double the transfer, and near 5 MB cross
// the MCP SDK stdio client's 10 MiB message limit. Up to 1 MiB the text block repeats it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySampleRepo, getContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let workspace: ReturnType<typeof copySampleRepo>;
let orchestrator: ConnectedOrchestrator;

beforeAll(async () => {
  workspace = copySampleRepo();
  const dir = path.join(workspace.root, 'big');
  mkdirSync(dir);
  // 1.6 MB of plain code in 50 files.
  for (let file = 0; file < 50; file++) {
    const lines = Array.from(
      { length: 1000 },
      (_, line) => `export const v${file}_${line} = ${line} + ${file};\n`,
    );
    writeFileSync(path.join(dir, `part${file}.ts`), lines.join(''));
  }
  orchestrator = await connectOrchestrator(workspace.root);
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
  workspace?.remove();
});

it('sends a content over 1 MiB in structuredContent only, and a smaller one in both', async () => {
  const large = await getContext(orchestrator.client, { include: ['big/**'], token_budget: 2_000_000 });
  expect(large.isError).toBe(false);
  expect(large.structured.step).toBe('full');
  expect(Buffer.byteLength(large.structured.content)).toBeGreaterThan(1024 * 1024);
  expect(large.structured.content).toContain('export const v49_999 = 999 + 49;');
  expect(large.text).not.toContain('export const v49_999');
  expect(large.text).toContain(`output_id ${large.structured.output_id}: full`);
  expect(large.text).toContain('structuredContent.content');
  expect(large.text).toContain(`read_context {"output_id": "${large.structured.output_id}"}`);
  expect(large.text.length).toBeLessThan(2000);

  const small = await getContext(orchestrator.client, { include: ['big/part1.ts'], token_budget: 2_000_000 });
  expect(small.structured.content).toContain('export const v1_999 = 999 + 1;');
  expect(small.text).toContain(small.structured.content);
}, 120_000);
