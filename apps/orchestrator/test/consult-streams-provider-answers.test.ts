// consult_specialist through a configured provider: the real @google/genai and @anthropic-ai/sdk,
// pointed by base URL at a loopback server speaking their streaming protocols. The answer arrives as
// progress notifications while it streams, and the result names the path, files and usage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consult, modelsConfig, startConsultServer } from './support/consult.js';
import { type FakeModels, startFakeModels } from './support/fake-models.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let models: FakeModels;
const roots: string[] = [];

beforeAll(async () => {
  models = await startFakeModels();
});
afterAll(async () => {
  await models.close();
  await Promise.all(roots.map(removeCopy));
});

async function workspace(config: string): Promise<string> {
  const root = await sampleRepoCopy(config);
  roots.push(root);
  return root;
}

describe.each<{ provider: string; env: Record<string, string>; model: string }>([
  { provider: 'gemini', env: { GEMINI_API_KEY: 'fake-gemini-key' }, model: 'gemini-2.5-flash' },
  { provider: 'anthropic', env: { ANTHROPIC_API_KEY: 'fake-anthropic-key' }, model: 'claude-sonnet-5-5' },
])('$provider', ({ provider, env, model }) => {
  it('streams the answer as progress and reports path, files and usage', { timeout: 120_000 }, async () => {
    const root = await workspace(modelsConfig({ provider, base_url: models.url }));
    const server = await startConsultServer(root, { env });
    try {
      const before = models.calls.length;
      const reply = await consult(server, {
        role: 'platform_expert',
        question: 'Is the flake pinned well enough for reproducible builds?',
        files: ['shell.nix'],
      });
      expect(reply.isError, reply.text).toBe(false);
      const call = models.calls[before];
      expect(call?.provider).toBe(provider);
      expect(call?.key).toBe(Object.values(env)[0]);
      if (provider === 'gemini')
        expect(call?.path).toContain(`/models/${model}:streamGenerateContent?alt=sse`);
      else expect(call?.body.model).toBe(model);
      // The persona's prompt is the system prompt; the question and the named file are the message.
      expect(call?.system.toLowerCase()).toContain('nix');
      expect(call?.messages.at(-1)?.[1]).toContain('Is the flake pinned well enough');
      expect(call?.messages.at(-1)?.[1]).toContain('shell.nix');

      const answer = `Answer ${before + 1} from the ${provider} fake: pin the flake inputs.`;
      expect(reply.structured.answer).toBe(answer);
      expect(reply.structured.path).toBe('provider');
      expect(reply.structured).toMatchObject({ provider, model, role: 'platform_expert' });
      // The context packing reports progress first; the streamed deltas follow and end the sequence.
      expect(reply.progress.join('').endsWith(answer)).toBe(true);
      expect(reply.structured.skipped).toEqual([
        { path: 'sampling', reason: 'the client did not declare the sampling capability' },
      ]);
      const attached = reply.structured.files_attached as Array<{ path: string; reason: string }>;
      expect(attached).toContainEqual(expect.objectContaining({ path: 'shell.nix', reason: 'named' }));
      const usage = reply.structured.usage as Record<string, number>;
      expect(usage.input_tokens).toBe(42);
      expect(usage.output_tokens).toBe(5);
      expect(usage.context_tokens).toBeGreaterThan(0);
      expect(reply.text).toContain(answer);
    } finally {
      await server.close();
    }
  });
});
