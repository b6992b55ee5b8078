// Repomix prints through a logger of its own to stdout (and so would its worker threads): nothing of
// it may reach the orchestrator's stdout, which carries JSON-RPC only — through a pack, compression
// in workers, a secret finding and read_context.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRepomix, withRepomix } from '../src/context/repomix-api.js';
import { copySampleRepo } from './support/context.js';
import { fakeAws } from './support/fake-secrets.js';
import { spawnOrchestrator } from './support/raw-rpc.js';

let workspace: ReturnType<typeof copySampleRepo>;

beforeAll(() => {
  workspace = copySampleRepo();
  mkdirSync(path.join(workspace.root, 'config'), { recursive: true });
  writeFileSync(
    path.join(workspace.root, 'config', 'aws.ts'),
    `export const id = '${fakeAws.accessKeyId()}';\nexport const key = '${fakeAws.secretAccessKey()}';\n`,
  );
});

afterAll(() => workspace?.remove());

it('writes only JSON-RPC lines to stdout while packing', async () => {
  const orchestrator = spawnOrchestrator(workspace.root);
  try {
    await orchestrator.initialize(1);
    const calls = [
      { token_budget: 30000 },
      { token_budget: 2000 },
      { compress: true, style: 'markdown' },
      { token_budget: 150 },
    ];
    let id = 2;
    let outputId = '';
    for (const args of calls) {
      const response = await orchestrator.request(id++, 'tools/call', {
        name: 'get_codebase_context',
        arguments: args,
      });
      expect(response.result?.isError).toBeFalsy();
      outputId = (response.result?.structuredContent as { output_id: string }).output_id;
    }
    const read = await orchestrator.request(id++, 'tools/call', {
      name: 'read_context',
      arguments: { output_id: outputId, grep: 'File:' },
    });
    expect(read.result?.isError).toBeFalsy();

    orchestrator.child.stdin.end();
    expect(await orchestrator.exited).toEqual({ code: 0, signal: null });
    const lines = orchestrator.stdoutLines().filter((line) => line.trim() !== '');
    expect(lines.length).toBe(id - 1);
    for (const line of lines) {
      expect(() => JSON.parse(line), `stdout line is not JSON: ${line.slice(0, 200)}`).not.toThrow();
      expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    }
  } finally {
    orchestrator.child.kill('SIGKILL');
  }
}, 120_000);

it("restores Repomix's log level after each call, also after a failure", async () => {
  const { logger } = await loadRepomix();
  const before = logger.getLogLevel();
  logger.setLogLevel(1);
  try {
    let inside: number | undefined;
    await withRepomix(async (api) => {
      inside = api.logger.getLogLevel();
    });
    expect(inside).toBe(-1);
    expect(logger.getLogLevel()).toBe(1);
    await expect(
      withRepomix(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(logger.getLogLevel()).toBe(1);
    expect(process.env.REPOMIX_LOG_LEVEL).toBeUndefined();
  } finally {
    logger.setLogLevel(before);
  }
});
