// A tool that delegates through `delegate` passes the coder's progress on to its own caller, and its
// caller's cancellation on to the coder: client → seam → tool → coder client → coder, and back.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolResultSchema, type Progress } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, createToolServer, toolDefiner } from '@tandem/shared';
import { dumpSyntaxTreeInput, dumpSyntaxTreeOutput } from '@tandem/shared/schemas';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CoderClient } from '../src/coder-client/coder-client.js';
import { delegate } from '../src/coder-client/delegate.js';
import { fixtureCoder } from './support/paths.js';
import { pollUntil } from './support/processes.js';

let stateDir: string;
let coder: CoderClient;
let client: Client;
let flushAudit: () => Promise<void>;
const previousState = process.env.TANDEM_FIXTURE_STATE;

const defineTool = toolDefiner<{ coder: CoderClient }>();
const delegatingTool = defineTool({
  name: 'dump_via_coder',
  title: 'Dump via coder',
  description: 'Test tool: delegates dump_syntax_tree to the coder.',
  input: dumpSyntaxTreeInput,
  output: dumpSyntaxTreeOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, context) {
    return { structured: await delegate(context, 'dump_syntax_tree', args) };
  },
});

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-delegate-'));
  process.env.TANDEM_FIXTURE_STATE = stateDir;
  const logger = createLogger('delegate-test', 'error');
  coder = new CoderClient({
    root: stateDir,
    entry: fixtureCoder,
    logger,
    clientVersion: '0.0.0-test',
    callTimeoutMs: 300,
    pingIntervalMs: 0,
  });
  const { server, audit } = createToolServer({
    name: 'delegate-test',
    version: '0.0.0',
    instructions: '',
    root: stateDir,
    tools: [delegatingTool],
    services: { coder },
    logger,
  });
  flushAudit = () => audit.flush();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: 'delegate-test-client', version: '0.0.0' });
  await client.connect(clientSide);
});

afterEach(async () => {
  await client.close();
  await coder.close();
  // The audit record of the last call may still be on its way to <stateDir>/.tandem/.
  await flushAudit();
  if (previousState === undefined) delete process.env.TANDEM_FIXTURE_STATE;
  else process.env.TANDEM_FIXTURE_STATE = previousState;
  await rm(stateDir, { recursive: true, force: true, maxRetries: 5 });
});

it("forwards the coder's progress to the orchestrator's caller", async () => {
  const progress: Progress[] = [];
  const result = await client.callTool(
    { name: 'dump_via_coder', arguments: { code: 'slow-with-progress', language: 'fixture' } },
    CallToolResultSchema,
    { onprogress: (update) => progress.push(update), timeout: 10_000 },
  );
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ language: 'fixture', has_errors: false });
  // The last update can race the result on the SDK's side; the earlier ones must all arrive.
  expect(progress.map((update) => update.progress).slice(0, 4)).toEqual([1, 2, 3, 4]);
  expect(progress[0]).toMatchObject({ total: 5, message: 'step 1' });
});

it("forwards the caller's cancellation to the coder", async () => {
  const controller = new AbortController();
  const call = client.callTool(
    { name: 'dump_via_coder', arguments: { code: 'hang', language: 'fixture' } },
    CallToolResultSchema,
    { signal: controller.signal, timeout: 10_000 },
  );
  await pollUntil(
    'the coder to start the call',
    async () => existsSync(path.join(stateDir, 'hang-started')) || undefined,
  );
  controller.abort('user pressed stop');
  await expect(call).rejects.toThrow();
  const recorded = await pollUntil('the coder to record the cancellation', async () =>
    existsSync(path.join(stateDir, 'hang-cancelled'))
      ? readFile(path.join(stateDir, 'hang-cancelled'), 'utf8')
      : undefined,
  );
  expect(recorded.length).toBeGreaterThan(0);
});
