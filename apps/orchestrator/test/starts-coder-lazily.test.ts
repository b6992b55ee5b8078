// The coder is a child process started on first use, not when the orchestrator starts.
import { afterEach, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { childrenOf } from './support/processes.js';

let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  orchestrator = undefined;
});

it('has no coder child after connecting and listing tools, and one after status', async () => {
  orchestrator = await connectOrchestrator();
  await orchestrator.client.listTools();
  expect(childrenOf(orchestrator.pid)).toEqual([]);

  const status = await orchestrator.status();
  expect(status.coder.state).toBe('ready');
  expect(childrenOf(orchestrator.pid)).toEqual([status.coder.pid]);
});
