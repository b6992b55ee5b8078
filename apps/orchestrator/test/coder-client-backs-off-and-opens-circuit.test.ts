// Supervision of a coder that cannot start: capped exponential backoff between attempts, then a circuit
// breaker that refuses calls at once until its cooldown has passed.
import { appendFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger, describeError, ToolError } from '@tandem/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoderClient } from '../src/coder-client/coder-client.js';
import { pollUntil } from './support/processes.js';

let dir: string;
let entry: string;
let startsLog: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-breaker-'));
  entry = path.join(dir, 'failing-coder.mjs');
  startsLog = path.join(dir, 'starts.log');
  // Records when it started, then fails the way a broken build does.
  await writeFile(
    entry,
    [
      "import { appendFileSync } from 'node:fs';",
      `appendFileSync(${JSON.stringify(startsLog)}, Date.now() + '\\n');`,
      "process.stderr.write('boom\\n');",
      'process.exit(1);',
      '',
    ].join('\n'),
  );
  appendFileSync(startsLog, '');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

async function startTimes(): Promise<number[]> {
  return (await readFile(startsLog, 'utf8')).split('\n').filter(Boolean).map(Number);
}

it('spaces failed starts by doubling delays, then opens the circuit and retries after the cooldown', async () => {
  const backoffInitialMs = 100;
  const breakerCooldownMs = 500;
  const coder = new CoderClient({
    root: dir,
    entry,
    logger: createLogger('breaker-test', 'error'),
    clientVersion: '0.0.0-test',
    startTimeoutMs: 5000,
    backoffInitialMs,
    backoffMaxMs: 10_000,
    breakerThreshold: 3,
    breakerCooldownMs,
    pingIntervalMs: 0,
  });
  try {
    // Attempts 1 and 2: not ready, the failure recorded and counted.
    for (const failures of [1, 2]) {
      const health = await coder.health();
      expect(health.state).not.toBe('ready');
      expect(health.state).not.toBe('circuit_open');
      expect(health.pid).toBeNull();
      expect(health.consecutive_failures).toBe(failures);
      expect(health.last_error).toMatch(/^start failed: /);
      expect(health.last_error).toContain('boom');
      expect(health.circuit).toEqual({ state: 'closed', retry_at: null });
    }

    // Attempt 3 reaches the threshold: the circuit opens.
    const open = await coder.health();
    expect(open.state).toBe('circuit_open');
    expect(open.consecutive_failures).toBe(3);
    expect(open.circuit.state).toBe('open');
    const retryAt = open.circuit.retry_at as string;
    expect(Date.parse(retryAt)).toBeGreaterThan(Date.now());

    // Each start came at least the backoff after the one before, and the backoff doubled.
    const times = await startTimes();
    expect(times).toHaveLength(3);
    const gaps = [(times[1] as number) - (times[0] as number), (times[2] as number) - (times[1] as number)];
    expect(gaps[0]).toBeGreaterThanOrEqual(backoffInitialMs);
    expect(gaps[1]).toBeGreaterThanOrEqual(backoffInitialMs * 2);

    // While open, a call is refused at once, saying when the next start is let through.
    const started = performance.now();
    const refusal = await coder.call('list_languages', {}).catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(50);
    expect(refusal).toBeInstanceOf(ToolError);
    expect((refusal as ToolError).message).toMatch(/unavailable: it failed 3 times in a row/);
    expect(describeError(refusal)).toContain(`lets the next start through at ${retryAt}`);
    expect(await startTimes()).toHaveLength(3);

    // Once the cooldown has passed, a start is tried again; it fails, so the circuit opens anew.
    await pollUntil(
      'the circuit to close',
      () => (coder.state === 'circuit_open' ? undefined : true),
      2000,
      10,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(retryAt));
    const reopened = await coder.health();
    expect(await startTimes()).toHaveLength(4);
    expect(reopened.consecutive_failures).toBe(4);
    expect(reopened.state).toBe('circuit_open');
    expect(Date.parse(reopened.circuit.retry_at as string)).toBeGreaterThan(Date.parse(retryAt));
  } finally {
    await coder.close();
  }
});

it('starts no coder once closed, even when close() comes during a backoff wait', async () => {
  const coder = new CoderClient({
    root: dir,
    entry,
    logger: createLogger('breaker-test', 'error'),
    clientVersion: '0.0.0-test',
    backoffInitialMs: 300,
    breakerThreshold: 10,
    pingIntervalMs: 0,
  });
  await coder.health(); // first start fails: the next one waits 300 ms
  const startsBefore = (await startTimes()).length;
  const waiting = coder.health();
  await coder.close();
  const health = await waiting;
  expect(health.state).toBe('stopped');
  expect((await startTimes()).length).toBe(startsBefore);
  await expect(coder.call('list_languages', {})).rejects.toThrow(/shutting down/);
});
