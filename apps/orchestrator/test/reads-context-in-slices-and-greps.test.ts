// read_context over a kept pack: bounded slices, grep with context lines, clear errors, and the pack
// still there after a restart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ContextOutput, copySampleRepo, getContext, readContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let orchestrator: ConnectedOrchestrator;
let workspace: ReturnType<typeof copySampleRepo>;
let pack: ContextOutput;

beforeAll(async () => {
  workspace = copySampleRepo();
  orchestrator = await connectOrchestrator(workspace.root);
  // A small budget: the returned content is degraded, the kept pack is whole.
  pack = (await getContext(orchestrator.client, { token_budget: 300 })).structured;
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
  workspace?.remove();
});

it('reads a slice of the full pack by lines', async () => {
  expect(pack.step).toBe('structure_only');
  const { structured } = await readContext(orchestrator.client, {
    output_id: pack.output_id,
    start_line: 1,
    end_line: 3,
  });
  expect(structured.mode).toBe('slice');
  expect(structured.total_lines).toBe(pack.full_lines);
  expect([structured.start_line, structured.end_line]).toEqual([1, 3]);
  expect(structured.text.split('\n')).toHaveLength(3);
  expect(structured.text).toMatch(/^This file is a merged representation/);
  expect(structured.truncated).toBe(false);
  expect(structured.next).toBeNull();
});

it('bounds a slice and says where to read on', async () => {
  const { structured } = await readContext(orchestrator.client, { output_id: pack.output_id });
  expect(structured.start_line).toBe(1);
  expect(structured.end_line).toBe(500);
  expect(structured.truncated).toBe(true);
  expect(structured.next).toContain('start_line 501');
  const rest = (await readContext(orchestrator.client, { output_id: pack.output_id, start_line: 501 }))
    .structured;
  expect(rest.end_line).toBe(pack.full_lines);
  expect(rest.truncated).toBe(false);
});

it('greps with context lines and merges nearby matches', async () => {
  const { structured, text } = await readContext(orchestrator.client, {
    output_id: pack.output_id,
    grep: '^<file path="src/',
    context_lines: 1,
  });
  expect(structured.mode).toBe('grep');
  expect(structured.total_matches).toBeGreaterThanOrEqual(3);
  expect(structured.hunks.flatMap((hunk) => hunk.match_lines)).toHaveLength(structured.total_matches ?? -1);
  const [firstHunk] = structured.hunks;
  expect(firstHunk?.end_line).toBe((firstHunk?.match_lines[0] ?? 0) + 1);
  expect(structured.text).toMatch(/^\d+- /m);
  expect(structured.text).toMatch(/^\d+: <file path="src\//m);
  expect(text).toContain('matching lines');

  const many = (
    await readContext(orchestrator.client, { output_id: pack.output_id, grep: '.', context_lines: 0 })
  ).structured;
  expect(many.total_matches).toBeGreaterThan(100);
  expect(many.hunks.length).toBeGreaterThan(0);
  expect(many.truncated).toBe(true);
  expect(many.next).toContain('of');
});

it('refuses an unknown output_id, a bad regex and a slice past the end', async () => {
  const unknown = await readContext(orchestrator.client, { output_id: 'ctx_0000000000000000' });
  expect(unknown.isError).toBe(true);
  expect(unknown.text).toMatch(/No context pack "ctx_0000000000000000"/);
  expect(unknown.text).toMatch(/get_codebase_context/);
  const traversal = await readContext(orchestrator.client, { output_id: '../../etc/passwd' });
  expect(traversal.isError).toBe(true);
  const regex = await readContext(orchestrator.client, { output_id: pack.output_id, grep: '(' });
  expect(regex.isError).toBe(true);
  expect(regex.text).toMatch(/not a valid regular expression/);
  const past = await readContext(orchestrator.client, { output_id: pack.output_id, start_line: 1_000_000 });
  expect(past.isError).toBe(true);
  expect(past.text).toMatch(/past the end/);
});

it('reads the pack after a restart', async () => {
  await orchestrator.close();
  orchestrator = await connectOrchestrator(workspace.root);
  const { structured } = await readContext(orchestrator.client, {
    output_id: pack.output_id,
    start_line: 1,
    end_line: 1,
  });
  expect(structured.total_lines).toBe(pack.full_lines);
});
