// The orchestrator exits with code 0 on stdin close or SIGTERM, and takes its coder with it.
import { afterEach, describe, expect, it } from 'vitest';
import { killIfAlive, waitForGone } from './support/processes.js';
import { type RawOrchestrator, spawnOrchestrator } from './support/raw-rpc.js';

let orchestrator: RawOrchestrator | undefined;
let coderPid: number | undefined;

afterEach(() => {
  // Only after a failure is anything left to kill.
  if (orchestrator && orchestrator.child.exitCode === null) orchestrator.child.kill('SIGKILL');
  killIfAlive(coderPid);
  orchestrator = undefined;
  coderPid = undefined;
});

/** Starts the orchestrator and its coder (through status) and returns the coder's pid. */
async function startWithCoder(): Promise<RawOrchestrator> {
  orchestrator = spawnOrchestrator();
  await orchestrator.initialize(1);
  const status = await orchestrator.request(2, 'tools/call', { name: 'status', arguments: {} });
  const coder = (status.result?.structuredContent as { coder: { state: string; pid: number } }).coder;
  expect(coder.state).toBe('ready');
  coderPid = coder.pid;
  return orchestrator;
}

describe('shutdown', () => {
  it('exits with code 0 when stdin closes, and the coder is gone', async () => {
    const running = await startWithCoder();
    running.child.stdin.end();
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await waitForGone(coderPid as number);
    expect(running.stderr()).toContain('shutting down (stdin closed)');
  });

  it('exits with code 0 on SIGTERM, and the coder is gone', async () => {
    const running = await startWithCoder();
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    await waitForGone(coderPid as number);
    expect(running.stderr()).toContain('shutting down (SIGTERM)');
  });
});
