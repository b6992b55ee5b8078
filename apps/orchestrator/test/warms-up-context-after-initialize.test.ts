// The orchestrator loads Repomix and its tokenizer in the background once the client has sent
// `initialized` — never before: `initialize` and `tools/list` are answered without waiting for it —
// writing nothing to stdout; a pack asked for while it loads is the pack made without it.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySampleRepo } from './support/context.js';
import { pollUntil } from './support/processes.js';
import { spawnOrchestrator } from './support/raw-rpc.js';

let workspace: ReturnType<typeof copySampleRepo>;

beforeAll(() => {
  workspace = copySampleRepo();
});

afterAll(() => workspace?.remove());

const INITIALIZE = {
  protocolVersion: '2025-06-18',
  capabilities: {},
  clientInfo: { name: 'warm-up-test', version: '0.0.0' },
};

it('starts only after `initialized`, and writes nothing to stdout', async () => {
  const orchestrator = spawnOrchestrator(workspace.root, { TANDEM_LOG_LEVEL: 'debug' });
  try {
    await orchestrator.request(1, 'initialize', INITIALIZE);
    const listed = await orchestrator.request(2, 'tools/list');
    expect(listed.result?.tools).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'get_codebase_context' })]),
    );
    // Both answered, and the warm-up has not begun: it waits for the client's `initialized`.
    expect(orchestrator.stderr()).not.toContain('context warm-up');

    orchestrator.send({ method: 'notifications/initialized' });
    await pollUntil(
      'the warm-up to finish',
      () => (orchestrator.stderr().includes('context warm-up done') ? true : undefined),
      60_000,
    );
    expect(orchestrator.stderr()).not.toContain('context warm-up stopped');
    expect(orchestrator.stderr()).toMatch(
      /context warm-up done \{"repomix_loaded_ms":\d+,"tokenizer_loaded_ms":\d+\}/,
    );

    orchestrator.child.stdin.end();
    expect(await orchestrator.exited).toEqual({ code: 0, signal: null });
    const lines = orchestrator.stdoutLines().filter((line) => line.trim() !== '');
    expect(lines.map((line) => (JSON.parse(line) as { id: number }).id)).toEqual([1, 2]);
  } finally {
    orchestrator.child.kill('SIGKILL');
  }
}, 90_000);

async function packRightAfterInitialize(env: NodeJS.ProcessEnv) {
  rmSync(path.join(workspace.root, '.tandem', 'context'), { recursive: true, force: true });
  const orchestrator = spawnOrchestrator(workspace.root, { TANDEM_LOG_LEVEL: 'debug', ...env });
  try {
    await orchestrator.initialize(1);
    // Sent at once after `initialized`: it arrives while Repomix is being loaded.
    const response = await orchestrator.request(2, 'tools/call', {
      name: 'get_codebase_context',
      arguments: { token_budget: 1500 },
    });
    orchestrator.child.stdin.end();
    await orchestrator.exited;
    return { result: response.result ?? {}, stderr: orchestrator.stderr() };
  } finally {
    orchestrator.child.kill('SIGKILL');
  }
}

it('gives a pack asked for during the warm-up the same result as without one', async () => {
  const during = await packRightAfterInitialize({});
  const started = during.stderr.indexOf('context warm-up started');
  expect(started).toBeGreaterThanOrEqual(0);
  expect(during.stderr.indexOf('context packed')).toBeGreaterThan(started);

  const without = await packRightAfterInitialize({ TANDEM_CONTEXT_PREWARM: 'off' });
  expect(without.stderr).not.toContain('context warm-up');

  expect(during.result.isError).toBeFalsy();
  const structured = during.result.structuredContent as { step: string; cached: boolean };
  expect(structured.step).not.toBe('full'); // fitted: the tokenizer was used
  expect(structured.cached).toBe(false);
  expect(during.result).toEqual(without.result);
}, 120_000);
