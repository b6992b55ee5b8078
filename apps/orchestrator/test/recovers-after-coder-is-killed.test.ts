// A coder that dies is started again on the next call, and status says so.
import { afterEach, expect, it } from 'vitest';
import {
  type ConnectedOrchestrator,
  connectOrchestrator,
  type StatusOutput,
} from './support/orchestrator.js';
import { pollUntil, waitForGone } from './support/processes.js';

let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  orchestrator = undefined;
});

/**
 * Status right after the kill may still find the old connection (its close event not yet handled) and
 * report the coder as restarting; a client asks again, and so does this.
 */
async function statusOnceReady(connected: ConnectedOrchestrator): Promise<StatusOutput> {
  return pollUntil('the coder to be ready again', async () => {
    const status = await connected.status();
    return status.coder.state === 'ready' ? status : undefined;
  });
}

it('recovers within the very next status call, even one sent right after the kill', async () => {
  orchestrator = await connectOrchestrator();
  const before = await orchestrator.status();
  const killed = before.coder.pid as number;
  process.kill(killed, 'SIGKILL');
  const after = await orchestrator.status();
  expect(after.coder.state).toBe('ready');
  expect(after.coder.pid).not.toBe(killed);
  expect(after.coder.restarts).toBe(1);
  expect(after.coder.round_trip_ms).toEqual(expect.any(Number));
});

it('restarts a SIGKILLed coder three times in a row, counting the restarts', async () => {
  orchestrator = await connectOrchestrator();
  let before = await orchestrator.status();
  expect(before.coder.state).toBe('ready');
  expect(before.coder.restarts).toBe(0);

  for (let round = 1; round <= 3; round++) {
    const killed = before.coder.pid as number;
    process.kill(killed, 'SIGKILL');
    await waitForGone(killed);

    const after = await statusOnceReady(orchestrator);
    expect(after.coder.consecutive_failures).toBe(0);
    expect(after.coder.pid).toEqual(expect.any(Number));
    expect(after.coder.pid).not.toBe(killed);
    expect(after.coder.restarts).toBe(round);
    expect(after.coder.last_error).toContain(`coder (pid ${killed}) exited unexpectedly`);
    expect(after.coder.consecutive_failures).toBe(0);
    expect(after.coder.tools).toEqual(expect.arrayContaining(['list_languages', 'dump_syntax_tree']));
    before = after;
  }
});
