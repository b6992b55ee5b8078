// Calls through CoderClient to a fixture coder: the per-call timeout restarts on progress, a silent
// coder times out, an aborted call is cancelled on the coder's side, and a read-only call lost to a
// crash is sent again to the restarted coder.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, ToolError } from '@tandem/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CoderClient, type CoderClientOptions } from '../src/coder-client/coder-client.js';
import { fixtureCoder } from './support/paths.js';
import { pollUntil } from './support/processes.js';

let stateDir: string;
let coder: CoderClient | undefined;
const previousState = process.env.TANDEM_FIXTURE_STATE;

beforeEach(async () => {
  stateDir = await mkdtemp(path.join(os.tmpdir(), 'tandem-fixture-'));
  // Read when the coder starts: only TANDEM_* and a few standard variables reach it.
  process.env.TANDEM_FIXTURE_STATE = stateDir;
});

afterEach(async () => {
  await coder?.close();
  coder = undefined;
  if (previousState === undefined) delete process.env.TANDEM_FIXTURE_STATE;
  else process.env.TANDEM_FIXTURE_STATE = previousState;
  await rm(stateDir, { recursive: true, force: true, maxRetries: 5 });
});

function fixtureClient(options: Partial<CoderClientOptions> = {}): CoderClient {
  coder = new CoderClient({
    root: stateDir,
    entry: fixtureCoder,
    logger: createLogger('fixture-test', 'error'),
    clientVersion: '0.0.0-test',
    backoffInitialMs: 50,
    pingIntervalMs: 0,
    ...options,
  });
  return coder;
}

it('keeps a call alive past its timeout while the coder reports progress, and forwards the progress', async () => {
  const client = fixtureClient({ callTimeoutMs: 300 });
  await client.call('list_languages', {}); // start the coder outside the measured call
  const progress: Progress[] = [];
  const started = performance.now();
  const result = await client.call(
    'dump_syntax_tree',
    { code: 'slow-with-progress', language: 'fixture' },
    { onProgress: (update) => progress.push(update) },
  );
  const elapsed = performance.now() - started;
  expect(elapsed).toBeGreaterThan(600);
  expect(result).toMatchObject({ language: 'fixture', format: 'ast', node_count: 1, has_errors: false });
  expect(progress.map((update) => update.progress)).toEqual([1, 2, 3, 4, 5]);
  expect(progress[0]).toMatchObject({ total: 5, message: 'step 1' });
});

it('gives up on a coder that does not answer within the call timeout', async () => {
  const client = fixtureClient({ callTimeoutMs: 300 });
  await client.call('list_languages', {});
  const started = performance.now();
  const error = await client
    .call('dump_syntax_tree', { code: 'hang', language: 'fixture' })
    .catch((e: unknown) => e);
  const elapsed = performance.now() - started;
  expect(error).toBeInstanceOf(ToolError);
  expect((error as ToolError).message).toBe('The coder did not answer dump_syntax_tree in time.');
  expect(elapsed).toBeGreaterThanOrEqual(290);
  expect(elapsed).toBeLessThan(2000);
  // The timed-out call does not cost the connection.
  expect(client.snapshot().state).toBe('ready');
});

it('rejects an aborted call at once and sends notifications/cancelled to the coder', async () => {
  const client = fixtureClient({ callTimeoutMs: 10_000 });
  const controller = new AbortController();
  const pending = client
    .call('dump_syntax_tree', { code: 'hang', language: 'fixture' }, { signal: controller.signal })
    .then(
      () => 'resolved',
      (error: unknown) => error,
    );
  await pollUntil('the fixture to receive the call', () =>
    existsSync(path.join(stateDir, 'hang-started')) ? true : undefined,
  );

  const aborted = performance.now();
  controller.abort('the user stopped it');
  const outcome = await pending;
  expect(performance.now() - aborted).toBeLessThan(100);
  expect(outcome).toBeInstanceOf(Error);
  expect(String((outcome as Error).message)).toContain('the user stopped it');

  // The coder saw the cancellation (with our reason) while the connection stayed up.
  const reason = await pollUntil('the fixture to record the cancellation', async () =>
    existsSync(path.join(stateDir, 'hang-cancelled'))
      ? readFile(path.join(stateDir, 'hang-cancelled'), 'utf8')
      : undefined,
  );
  expect(reason).toBe('the user stopped it');
  expect(client.snapshot().state).toBe('ready');
});

it('sends a read-only call lost to a coder crash once more, to the restarted coder', async () => {
  const client = fixtureClient({ callTimeoutMs: 10_000 });
  await client.call('list_languages', {});
  const firstPid = client.snapshot().pid;

  const result = await client.call('dump_syntax_tree', { code: 'crash', language: 'fixture' });
  expect(result.tree).toBe('program 1:1-1:9'); // the answer of the second fixture ("survived")
  expect(await readFile(path.join(stateDir, 'crashed-once'), 'utf8')).toBe(String(firstPid));

  const health = client.snapshot();
  expect(health.state).toBe('ready');
  expect(health.restarts).toBe(1);
  expect(health.pid).not.toBe(firstPid);
  expect(health.last_error).toContain(`coder (pid ${firstPid}) exited unexpectedly`);
  const starts = (await readFile(path.join(stateDir, 'starts.log'), 'utf8')).split('\n').filter(Boolean);
  expect(starts).toEqual([String(firstPid), String(health.pid)]);
});
