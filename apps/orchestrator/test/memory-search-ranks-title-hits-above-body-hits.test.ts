// Ranked memory search on a small corpus: a title hit outranks a body hit, the decision field outranks
// context, typos and prefixes still find notes, and each hit carries a score and a snippet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory } from './support/memory.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

describe('memory search', () => {
  let root: string;
  let orchestrator: ConnectedOrchestrator;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    root = await sampleRepoCopy();
    orchestrator = await connectOrchestrator(root);
    const corpus: Array<[string, Record<string, unknown>]> = [
      [
        'body',
        {
          title: 'Release checklist',
          text: 'Before tagging, bump the version, regenerate the changelog and check the flake builds on both systems.',
          tags: ['release'],
        },
      ],
      [
        'title',
        {
          title: 'Flake inputs are pinned',
          text: 'Inputs are locked in flake.lock and updated weekly by a bot.',
          tags: ['nix'],
        },
      ],
      [
        'decision',
        {
          kind: 'decision',
          title: 'Store money as cents',
          context: 'Rounding errors appeared in monthly reports.',
          decision: 'All ledger amounts are integer cents; formatting happens at the edge.',
          tags: ['ledger'],
        },
      ],
      [
        'context',
        {
          kind: 'decision',
          title: 'Reports are CSV',
          context: 'Spreadsheet users open the ledger export directly.',
          decision: 'The report command writes CSV files.',
        },
      ],
      [
        'tagged',
        {
          title: 'Observability',
          text: 'Logs go to stderr, metrics are not collected yet.',
          tags: ['sre', 'logging'],
        },
      ],
    ];
    for (const [name, args] of corpus) {
      ids[name] = (await memory(orchestrator, { action: 'add', ...args })).note?.id as string;
    }
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    if (root) await removeCopy(root);
  });

  it('ranks a title hit above a body hit', async () => {
    const result = await memory(orchestrator, { action: 'search', query: 'flake' });
    expect(result.notes.map((hit) => hit.id)).toEqual([ids.title, ids.body]);
    const [title, body] = result.notes;
    expect(title?.score).toBeGreaterThan(body?.score ?? Number.POSITIVE_INFINITY);
    expect(title?.fields?.[0]).toBe('title');
    expect(body?.fields).toEqual(['text']);
    expect(body?.snippet).toMatch(/^text: .*check the flake builds/);
    // The title is on the hit's line: the snippet shows the note's text instead.
    expect(title?.snippet).toMatch(/^text: Inputs are locked in flake\.lock/);
    expect(result.text).toMatch(/2 of 5 notes match "flake", best first/);
  });

  it('ranks a match in the decision above one in the context', async () => {
    const result = await memory(orchestrator, { action: 'search', query: 'ledger' });
    expect(result.notes.slice(0, 2).map((hit) => hit.id)).toEqual([ids.decision, ids.context]);
    expect(result.notes[0]?.fields).toContain('decision');
    expect(result.notes[1]?.fields).toEqual(['context']);
  });

  it('finds a word with a typo and by its prefix', async () => {
    const typo = await memory(orchestrator, { action: 'search', query: 'obsrevability' });
    expect(typo.notes[0]?.id).toBe(ids.tagged);
    const prefix = await memory(orchestrator, { action: 'search', query: 'spreadsh' });
    expect(prefix.notes.map((hit) => hit.id)).toEqual([ids.context]);
    expect(prefix.notes[0]?.snippet).toContain('Spreadsheet users');
  });

  it('matches tags, applies filters and says when nothing matches', async () => {
    const tagged = await memory(orchestrator, { action: 'search', query: 'sre' });
    expect(tagged.notes[0]).toMatchObject({
      id: ids.tagged,
      fields: ['tags'],
      snippet: 'tags: sre, logging',
    });
    const decisions = await memory(orchestrator, {
      action: 'search',
      query: 'ledger flake',
      kind: 'decision',
    });
    expect(decisions.notes.every((hit) => hit.kind === 'decision')).toBe(true);
    expect(decisions.matched).toBe(2);
    const none = await memory(orchestrator, { action: 'search', query: 'kubernetes' });
    expect(none.matched).toBe(0);
    expect(none.text).toMatch(/No note matches "kubernetes" among 5/);
  });

  it('sees notes added since the last search', async () => {
    await memory(orchestrator, { action: 'search', query: 'postgres' });
    const added = await memory(orchestrator, {
      action: 'add',
      title: 'Postgres is not used',
      text: 'The ledger is plain files.',
    });
    const result = await memory(orchestrator, { action: 'search', query: 'postgres' });
    expect(result.notes.map((hit) => hit.id)).toEqual([added.note?.id]);
    await memory(orchestrator, { action: 'forget', id: added.note?.id });
    expect((await memory(orchestrator, { action: 'search', query: 'postgres' })).matched).toBe(0);
  });
});
