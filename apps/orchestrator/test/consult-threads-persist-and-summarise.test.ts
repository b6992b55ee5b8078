// Conversations: a thread survives a restart of the orchestrator and continues with its full history;
// once it holds 20 turns the older ones are summarised through the same answer path (one more call at
// the provider) and replaced by the summary; threads are listed, shown and deleted; a brief's answer
// is recorded by the caller; a corrupt thread record fails that thread only.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { consult, modelsConfig, startConsultServer } from './support/consult.js';
import { type FakeModels, startFakeModels } from './support/fake-models.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let models: FakeModels;
const roots: string[] = [];
const env = { GEMINI_API_KEY: 'fake' };

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

const threadFile = (root: string, id: string) => path.join(root, '.tandem', 'threads', `${id}.json`);

it('continues a thread in a new server process with its full history', { timeout: 120_000 }, async () => {
  const root = await workspace(modelsConfig({ base_url: models.url }));
  let server = await startConsultServer(root, { env });
  const first = await consult(server, { role: 'devops_mlops', question: 'How should CI cache the build?' });
  expect(first.structured.path, first.text).toBe('provider');
  const threadId = first.structured.thread_id as string;
  await server.close();

  server = await startConsultServer(root, { env });
  try {
    const before = models.calls.length;
    const second = await consult(server, {
      role: 'devops_mlops',
      question: 'And the release job?',
      thread_id: threadId,
    });
    expect(second.isError, second.text).toBe(false);
    expect(second.structured.thread_id).toBe(threadId);
    const sent = models.calls[before]?.messages;
    expect(sent?.[0]).toEqual(['user', 'How should CI cache the build?']);
    expect(sent?.[1]).toEqual(['assistant', first.structured.answer]);
    expect(sent?.[2]?.[1]).toContain('And the release job?');

    const shown = await consult(server, { action: 'show_thread', thread_id: threadId });
    const thread = shown.structured.thread as { turns: Array<{ question: string; answered_by: string }> };
    expect(thread.turns.map((turn) => [turn.question, turn.answered_by])).toEqual([
      ['How should CI cache the build?', 'provider'],
      ['And the release job?', 'provider'],
    ]);

    const other = await consult(server, { role: 'sre', question: 'Alerting?' });
    const listed = await consult(server, { action: 'list_threads' });
    const ids = (listed.structured.threads as Array<{ thread_id: string }>).map((t) => t.thread_id);
    expect(ids.sort()).toEqual([threadId, other.structured.thread_id].sort());
    const filtered = await consult(server, { action: 'list_threads', role: 'sre' });
    expect((filtered.structured.threads as unknown[]).length).toBe(1);

    const deleted = await consult(server, { action: 'delete_thread', thread_id: threadId });
    expect(deleted.structured.deleted).toBe(true);
    const gone = await consult(server, {
      role: 'devops_mlops',
      question: 'Still there?',
      thread_id: threadId,
    });
    expect(gone.isError).toBe(true);
    expect(gone.text).toContain(`There is no thread "${threadId}"`);
  } finally {
    await server.close();
  }
});

it('summarises the older turns once a thread holds 20', { timeout: 120_000 }, async () => {
  const root = await workspace(modelsConfig({ base_url: models.url }));
  const server = await startConsultServer(root, { env });
  try {
    const first = await consult(server, { role: 'architect', question: 'Question 1' });
    const threadId = first.structured.thread_id as string;
    // Grow the stored thread to 19 turns directly: 18 more model round trips would only slow the test.
    const record = JSON.parse(await readFile(threadFile(root, threadId), 'utf8'));
    const turn = record.turns[0];
    for (let n = 2; n <= 19; n += 1)
      record.turns.push({ ...turn, question: `Question ${n}`, answer: `Reply ${n}` });
    await writeFile(threadFile(root, threadId), JSON.stringify(record));

    let before = models.calls.length;
    const twentieth = await consult(server, {
      role: 'architect',
      question: 'Question 20',
      thread_id: threadId,
    });
    expect(twentieth.structured.summarised).toBeUndefined();
    expect(models.calls.length - before).toBe(1);
    expect(models.calls.at(-1)?.messages).toHaveLength(39);

    before = models.calls.length;
    const next = await consult(server, { role: 'architect', question: 'Question 21', thread_id: threadId });
    expect(next.isError, next.text).toBe(false);
    expect(next.structured.summarised).toEqual({ turns: 16 });
    expect(models.calls.length - before).toBe(2);
    const [summarising, answering] = models.calls.slice(before);
    expect(summarising?.system).toMatch(/^You summarise/);
    expect(summarising?.messages[0]?.[1]).toContain('Question 1');
    expect(summarising?.messages[0]?.[1]).toContain('Reply 16');
    // The answer is asked with the summary in the system prompt and only the 4 recent turns as messages.
    expect(answering?.system).toContain('SUMMARY: the earlier turns in brief.');
    expect(answering?.messages.map(([, text]) => text.split('\n')[0])).toEqual([
      'Question 17',
      'Reply 17',
      'Question 18',
      'Reply 18',
      'Question 19',
      'Reply 19',
      'Question 20',
      twentieth.structured.answer,
      'Question 21',
    ]);
    const stored = JSON.parse(await readFile(threadFile(root, threadId), 'utf8'));
    expect(stored.summarised_turns).toBe(16);
    expect(stored.turns).toHaveLength(5);
  } finally {
    await server.close();
  }
});

it(
  'keeps the turns when only the brief path is left, and records the caller answer',
  { timeout: 120_000 },
  async () => {
    const root = await workspace('');
    const server = await startConsultServer(root);
    try {
      const brief = await consult(server, {
        role: 'platform_expert',
        question: 'Should we move shell.nix to a flake?',
      });
      expect(brief.structured.path).toBe('brief');
      const threadId = brief.structured.thread_id as string;
      expect(brief.text).toContain(`thread_id: "${threadId}", answer:`);

      const recorded = await consult(server, {
        role: 'platform_expert',
        thread_id: threadId,
        answer: 'Yes: pin nixpkgs.',
      });
      expect(recorded.structured.recorded_answer).toBe(true);
      const again = await consult(server, { role: 'platform_expert', thread_id: threadId, answer: 'Twice?' });
      expect(again.isError).toBe(true);
      expect(again.text).toContain('no brief waiting for an answer');

      const followUp = await consult(server, {
        role: 'platform_expert',
        question: 'Which inputs?',
        thread_id: threadId,
      });
      const prompt = (followUp.structured.brief as { prompt: string }).prompt;
      expect(prompt).toContain('Should we move shell.nix to a flake?');
      expect(prompt).toContain('Yes: pin nixpkgs.');

      // At 20 turns with no model to summarise, the turns stay and the result says so.
      const record = JSON.parse(await readFile(threadFile(root, threadId), 'utf8'));
      const turn = { ...record.turns[0] };
      while (record.turns.length < 20) record.turns.push(turn);
      await writeFile(threadFile(root, threadId), JSON.stringify(record));
      const long = await consult(server, {
        role: 'platform_expert',
        question: 'And now?',
        thread_id: threadId,
      });
      expect(long.structured.path).toBe('brief');
      expect((long.structured.summarised as { note: string }).note).toContain('no model could summarise');
      const stored = JSON.parse(await readFile(threadFile(root, threadId), 'utf8'));
      expect(stored.turns).toHaveLength(21);
    } finally {
      await server.close();
    }
  },
);

it(
  'refuses bad input clearly and serves other threads around a corrupt one',
  { timeout: 120_000 },
  async () => {
    const root = await workspace('');
    const server = await startConsultServer(root);
    try {
      const good = await consult(server, { role: 'sre', question: 'Error budget?' });
      const goodId = good.structured.thread_id as string;
      await writeFile(threadFile(root, 'thread-broken'), '{"id": "thread-broken", "turns": [');

      const corrupt = await consult(server, { role: 'sre', question: 'Hello?', thread_id: 'thread-broken' });
      expect(corrupt.isError).toBe(true);
      expect(corrupt.text).toContain('.tandem/threads/thread-broken.json cannot be used');
      const listed = await consult(server, { action: 'list_threads' });
      expect((listed.structured.threads as Array<{ thread_id: string }>).map((t) => t.thread_id)).toEqual([
        goodId,
      ]);
      expect(listed.structured.problems).toEqual([
        expect.objectContaining({ file: '.tandem/threads/thread-broken.json' }),
      ]);
      expect(
        (await consult(server, { role: 'sre', question: 'Still fine?', thread_id: goodId })).isError,
      ).toBe(false);
      expect((await consult(server, { action: 'delete_thread', thread_id: 'thread-broken' })).isError).toBe(
        false,
      );

      const wrongPersona = await consult(server, { role: 'architect', question: 'Hi', thread_id: goodId });
      expect(wrongPersona.isError).toBe(true);
      expect(wrongPersona.text).toContain(`is a conversation with sre, not architect`);
      const unknownPersona = await consult(server, { role: 'astrologer', question: 'Hi' });
      expect(unknownPersona.isError).toBe(true);
      expect(unknownPersona.text).toContain('Unknown persona "astrologer"');
      const unknownThread = await consult(server, { role: 'sre', question: 'Hi', thread_id: 'thread-nope' });
      expect(unknownThread.isError).toBe(true);
      expect(unknownThread.text).toContain('There is no thread "thread-nope"');
      const badId = await consult(server, { action: 'show_thread', thread_id: '../config' });
      expect(badId.isError).toBe(true);
      const long = await consult(server, { role: 'sre', question: 'x'.repeat(9000) });
      expect(long.isError).toBe(true);
      expect(long.text).toContain('the limit is 8000');
    } finally {
      await server.close();
    }
  },
);
