// Every provider failure names its cause and falls back to the brief — never a made-up answer: auth
// (401), rate limit (429), a server error (500), a refused connection and a timeout. Without any
// provider the brief path answers at once; a provider configured without its key is the caller's
// mistake and says which variable to set.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsultServer, consult, modelsConfig, startConsultServer } from './support/consult.js';
import { type FakeModels, startFakeModels } from './support/fake-models.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let models: FakeModels;
const roots: string[] = [];
const servers: ConsultServer[] = [];

beforeAll(async () => {
  models = await startFakeModels();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await models.close();
  await Promise.all(roots.map(removeCopy));
});

async function serve(config: string, env: Record<string, string> = {}): Promise<ConsultServer> {
  const root = await sampleRepoCopy(config);
  roots.push(root);
  const server = await startConsultServer(root, { env });
  servers.push(server);
  return server;
}

/** A port nothing listens on: a server is opened on it and closed again. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const question = { role: 'sre', question: 'What should the SLO for the data loader be?' };

function expectBrief(reply: Awaited<ReturnType<typeof consult>>, providerReason: RegExp): void {
  expect(reply.isError, reply.text).toBe(false);
  expect(reply.structured.path).toBe('brief');
  expect(reply.structured.answer).toBeUndefined();
  const brief = reply.structured.brief as { system: string; prompt: string };
  expect(brief.system.length).toBeGreaterThan(0);
  expect(brief.prompt).toContain(question.question);
  expect(reply.structured.skipped?.find((s) => s.path === 'provider')?.reason).toMatch(providerReason);
  expect(reply.text).toMatch(/^No model answered/);
  expect(reply.text).toContain('here is the brief');
}

describe.each(['gemini', 'anthropic'])('%s', (provider) => {
  const env: Record<string, string> =
    provider === 'gemini' ? { GOOGLE_API_KEY: 'fake-key' } : { ANTHROPIC_API_KEY: 'fake-key' };
  let server: ConsultServer;
  beforeAll(async () => {
    server = await serve(modelsConfig({ provider, base_url: models.url, timeout_s: 2 }), env);
  });

  it.each([
    [401, /auth, HTTP 401/],
    [429, /rate limit, HTTP 429/],
    [500, /server error, HTTP 500/],
  ])('falls back on HTTP %i', { timeout: 60_000 }, async (status, reason) => {
    models.behave({ kind: 'status', status });
    try {
      const reply = await consult(server, question);
      expectBrief(reply, reason);
      if (status === 401) expect(reply.text).toContain(Object.keys(env)[0]);
    } finally {
      models.behave({ kind: 'answer' });
    }
  });

  it('falls back when the provider does not answer in time', { timeout: 60_000 }, async () => {
    models.behave({ kind: 'hang' });
    try {
      expectBrief(await consult(server, question), /timeout/);
    } finally {
      models.behave({ kind: 'answer' });
    }
  });

  it('falls back when the connection is refused', { timeout: 60_000 }, async () => {
    const refused = await serve(
      modelsConfig({ provider, base_url: `http://127.0.0.1:${await closedPort()}` }),
      env,
    );
    expectBrief(await consult(refused, question), /could not be reached .*network: ECONNREFUSED/);
  });

  it('says which variable to set when the key is missing', { timeout: 60_000 }, async () => {
    const keyless = await serve(modelsConfig({ provider, base_url: models.url }));
    const reply = await consult(keyless, question);
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain(
      provider === 'gemini' ? 'GEMINI_API_KEY or GOOGLE_API_KEY is not set' : 'ANTHROPIC_API_KEY is not set',
    );
  });
});

it('names a configured key variable when it is empty', { timeout: 60_000 }, async () => {
  const server = await serve(modelsConfig({ base_url: models.url, api_key_env: 'TEAM_GEMINI_KEY' }), {
    GEMINI_API_KEY: 'not-this-one',
  });
  const reply = await consult(server, question);
  expect(reply.isError).toBe(true);
  expect(reply.text).toContain('TEAM_GEMINI_KEY is not set');
});

it('returns the brief at once when no provider is configured', { timeout: 60_000 }, async () => {
  const calls = models.calls.length;
  const server = await serve('', { GEMINI_API_KEY: 'present-but-unused' });
  const reply = await consult(server, { ...question, files: ['justfile'] });
  expectBrief(reply, /no model provider is configured/);
  expect(reply.structured.skipped).toEqual([
    { path: 'sampling', reason: 'the client did not declare the sampling capability' },
    { path: 'provider', reason: 'no model provider is configured (models.provider)' },
  ]);
  expect((reply.structured.brief as { prompt: string }).prompt).toContain('justfile');
  expect(models.calls.length).toBe(calls);
});
