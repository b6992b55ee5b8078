// `memory add` with from_thread / from_plan saves a stored consultation's last answer or a plan's
// goal, steps and outcome as a note in one call, with the source recorded. The thread and plan are
// written through their own stores, in the format consult_specialist and plan keep them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planStore } from '../src/plan/store.js';
import { threadStore } from '../src/specialists/threads.js';
import { memory, memoryError } from './support/memory.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

const at = '2026-01-02T10:00:00.000Z';

describe('memory add from a thread or a plan', () => {
  let root: string;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    root = await sampleRepoCopy();
    await threadStore(root).put('thread-1', {
      id: 'thread-1',
      persona: 'platform_expert',
      project: root,
      created_at: at,
      updated_at: at,
      turns: [
        {
          question: 'Should the flake pin nixpkgs?',
          answer: 'Yes, pin it.',
          answered_by: 'provider',
          provider: 'gemini',
          model: 'gemini-2.5-flash',
          at,
        },
        {
          question: 'How often should the flake inputs be updated?\nWe have CI.',
          answer: 'Weekly, by a scheduled CI job that opens a pull request with the new flake.lock.',
          answered_by: 'sampling',
          at,
        },
        { question: 'And devenv?', answer: null, answered_by: 'brief', at },
      ],
    });
    await threadStore(root).put('thread-empty', {
      id: 'thread-empty',
      persona: 'sre',
      project: root,
      created_at: at,
      updated_at: at,
      turns: [{ question: 'SLOs?', answer: null, answered_by: 'brief', at }],
    });
    await planStore(root).put('plan-1', {
      version: 1,
      id: 'plan-1',
      goal: 'Rename ledger.total to ledger.balance',
      status: 'done',
      created_at: at,
      updated_at: at,
      closed_at: '2026-01-02T12:00:00.000Z',
      steps: [
        { n: 1, title: 'Ask the architect', phase: 'consult', status: 'done' },
        { n: 2, title: 'Rename with refactor', phase: 'implement', status: 'done', note: '3 files' },
        { n: 3, title: 'Run validate', phase: 'validate', status: 'done' },
      ],
      events: [
        { at, kind: 'created', summary: 'plan created' },
        { at, kind: 'validate', summary: 'lint and tests passed', ok: true },
        { at, kind: 'commit', summary: 'refactor: rename total to balance', ok: true, ref: 'abc1234' },
        { at, kind: 'closed', summary: 'renamed everywhere' },
      ],
      events_total: 4,
      consultations: 1,
    });
    orchestrator = await connectOrchestrator(root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    if (root) await removeCopy(root);
  });

  it("saves a thread's last answer with its persona and question", async () => {
    const saved = await memory(orchestrator, { action: 'add', from_thread: 'thread-1', tags: ['nix'] });
    expect(saved.note).toMatchObject({
      kind: 'note',
      title: 'platform_expert: How often should the flake inputs be updated?',
      tags: ['platform_expert', 'nix'],
      source: { kind: 'consultation', id: 'thread-1' },
    });
    expect(saved.note?.text).toContain('Persona: platform_expert');
    expect(saved.note?.text).toContain(
      'Answer (sampling, 2026-01-02T10:00:00.000Z):\nWeekly, by a scheduled CI job',
    );
    const found = await memory(orchestrator, { action: 'search', query: 'scheduled' });
    expect(found.notes[0]?.id).toBe(saved.note?.id);
  });

  it("saves a plan's goal, steps and outcome, with a title of the caller's choosing", async () => {
    const saved = await memory(orchestrator, {
      action: 'add',
      from_plan: 'plan-1',
      title: 'The balance rename',
      pinned: true,
    });
    expect(saved.note).toMatchObject({
      title: 'The balance rename',
      pinned: true,
      tags: ['plan'],
      source: { kind: 'plan', id: 'plan-1' },
    });
    const text = saved.note?.text ?? '';
    expect(text).toContain('Goal: Rename ledger.total to ledger.balance');
    expect(text).toContain('Outcome: done at 2026-01-02T12:00:00.000Z — renamed everywhere');
    expect(text).toContain('2. [done] Rename with refactor (implement) — 3 files');
    expect(text).toContain('Last validation: passed — lint and tests passed');
    expect(text).toContain('Commit: abc1234 refactor: rename total to balance');
  });

  it('refuses unknown sources, unanswered threads and mixed arguments', async () => {
    expect(await memoryError(orchestrator, { action: 'add', from_thread: 'thread-nope' })).toMatch(
      /No consultation thread "thread-nope"/,
    );
    expect(await memoryError(orchestrator, { action: 'add', from_thread: 'thread-empty' })).toMatch(
      /has no answer yet/,
    );
    expect(await memoryError(orchestrator, { action: 'add', from_plan: 'plan-nope' })).toMatch(
      /No plan "plan-nope"/,
    );
    expect(
      await memoryError(orchestrator, { action: 'add', from_plan: 'plan-1', from_thread: 'thread-1' }),
    ).toMatch(/not both/);
    expect(await memoryError(orchestrator, { action: 'add', from_plan: 'plan-1', text: 'mine' })).toMatch(
      /takes its text from it; text cannot be given too/,
    );
  });
});
