// A request over the 1 MiB limit fails with a message, and the server keeps serving.
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  orchestrator = undefined;
});

it('refuses a 1.2 MB status request with the 1 MiB limit in the message, then answers the next call', async () => {
  orchestrator = await connectOrchestrator();
  const oversize = await orchestrator.client.callTool(
    { name: 'status', arguments: { padding: 'x'.repeat(1_200_000) } },
    CallToolResultSchema,
  );
  expect(oversize.isError).toBe(true);
  expect(oversize.structuredContent).toBeUndefined();
  const parts = oversize.content as Array<{ type: string; text?: string }>;
  const text = parts.map((part) => part.text ?? '').join('\n');
  // The wording of the size may change ("1 MiB", "1.0 MiB"); the limit it names may not.
  expect(text).toMatch(/over the 1(?:\.0)? MiB limit/);

  const status = await orchestrator.status();
  expect(status.server.name).toBe('tandem-orchestrator');
  expect(status.coder.state).toBe('ready');
});
