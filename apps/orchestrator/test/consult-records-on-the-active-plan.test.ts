// A consultation is recorded on the active plan: answered ones as ok, briefs as not (yet) answered,
// both with the thread id as the reference.
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConsultServer, consult, startConsultServer } from './support/consult.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let root: string;
let server: ConsultServer;

beforeAll(async () => {
  root = await sampleRepoCopy();
  server = await startConsultServer(root, {
    sampling: () => ({
      role: 'assistant',
      model: 'client-model',
      content: { type: 'text', text: 'Sampled.' },
    }),
  });
});
afterAll(async () => {
  await server.close();
  await removeCopy(root);
});

async function plan(args: Record<string, unknown>) {
  const result = await server.client.callTool({ name: 'plan', arguments: args }, CallToolResultSchema);
  expect(result.isError, JSON.stringify(result.content)).not.toBe(true);
  return result.structuredContent as {
    plan?: { events?: Array<{ kind: string; ok?: boolean; ref?: string; summary: string }> };
  };
}

it('records the consultation with its thread on the active plan', { timeout: 120_000 }, async () => {
  await plan({
    action: 'create',
    goal: 'Pin the toolchain',
    steps: [{ title: 'Ask the platform expert', phase: 'consult' }],
  });
  const reply = await consult(server, { role: 'platform_expert', question: 'How do we pin node?' });
  expect(reply.structured.path, reply.text).toBe('sampling');
  const shown = await plan({ action: 'show' });
  const event = shown.plan?.events?.find((e) => e.kind === 'consultation');
  expect(event).toMatchObject({ ok: true, ref: reply.structured.thread_id });
  expect(event?.summary).toContain('How do we pin node?');
});
