// A client that declares the sampling capability answers consult_specialist with its own model:
// the persona's system prompt, the question with its context, the token limit and model hints reach
// its createMessage handler, and no provider is called even when one is configured.

import type { CreateMessageRequest } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consult, modelsConfig, startConsultServer } from './support/consult.js';
import { type FakeModels, startFakeModels } from './support/fake-models.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let models: FakeModels;
let root: string;

beforeAll(async () => {
  models = await startFakeModels();
  root = await sampleRepoCopy(
    modelsConfig({ provider: 'gemini', base_url: models.url, model: 'gemini-2.5-pro' }),
  );
});
afterAll(async () => {
  await models.close();
  await removeCopy(root);
});

it('answers through the client model and keeps the thread', { timeout: 120_000 }, async () => {
  const requests: Array<CreateMessageRequest['params']> = [];
  const server = await startConsultServer(root, {
    env: { GEMINI_API_KEY: 'fake' },
    sampling: (params) => {
      requests.push(params);
      return {
        role: 'assistant',
        model: 'client-model-1',
        content: { type: 'text', text: `Sampled answer ${requests.length}: threat-model the loader.` },
      };
    },
  });
  try {
    const first = await consult(server, { role: 'security', question: 'Where are secrets at risk here?' });
    expect(first.isError, first.text).toBe(false);
    expect(first.structured).toMatchObject({
      path: 'sampling',
      model: 'client-model-1',
      answer: 'Sampled answer 1: threat-model the loader.',
      skipped: [],
    });
    expect(requests[0]?.systemPrompt?.toLowerCase()).toContain('security');
    expect(requests[0]?.maxTokens).toBe(4096);
    expect(requests[0]?.modelPreferences?.hints).toEqual([{ name: 'gemini-2.5-pro' }]);
    const message = requests[0]?.messages.at(-1);
    expect(message?.role).toBe('user');
    expect(JSON.stringify(message?.content)).toContain('Where are secrets at risk here?');

    const second = await consult(server, {
      role: 'security',
      question: 'And the supply chain?',
      thread_id: first.structured.thread_id,
    });
    expect(second.structured).toMatchObject({ path: 'sampling', thread_id: first.structured.thread_id });
    // The follow-up carries the first turn as history.
    const sent = requests[1]?.messages.map((m) => [m.role, (m.content as { text: string }).text]);
    expect(sent?.[0]).toEqual(['user', 'Where are secrets at risk here?']);
    expect(sent?.[1]).toEqual(['assistant', 'Sampled answer 1: threat-model the loader.']);
    expect(sent?.[2]?.[1]).toContain('And the supply chain?');
    expect(models.calls).toHaveLength(0);
  } finally {
    await server.close();
  }
});

it('moves on to the provider when the client declines to sample', { timeout: 120_000 }, async () => {
  const server = await startConsultServer(root, {
    env: { GEMINI_API_KEY: 'fake' },
    sampling: () => {
      throw new Error('the user declined');
    },
  });
  try {
    const reply = await consult(server, { role: 'architect', question: 'Is the loader too coupled?' });
    expect(reply.isError, reply.text).toBe(false);
    expect(reply.structured.path).toBe('provider');
    expect(reply.structured.skipped?.[0]?.path).toBe('sampling');
    expect(reply.structured.skipped?.[0]?.reason).toContain('the user declined');
    expect(models.calls).toHaveLength(1);
  } finally {
    await server.close();
  }
});
