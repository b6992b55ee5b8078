// The memory tool end to end: every action on a copy of the sample repo, ADR-style decisions with
// supersession, paging, and clear refusals of bad input.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, memoryError } from './support/memory.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

describe('memory', () => {
  let root: string;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    root = await sampleRepoCopy();
    orchestrator = await connectOrchestrator(root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    if (root) await removeCopy(root);
  });

  it('is listed as a writing tool that may destroy (forget)', async () => {
    const { tools } = await orchestrator.client.listTools();
    const tool = tools.find((candidate) => candidate.name === 'memory');
    expect(tool?.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: false,
    });
    expect(tool?._meta).toMatchObject({ 'tandem/permission': 'write' });
  });

  it('adds a note, stores it under .tandem/memory and shows it in full', async () => {
    const added = await memory(orchestrator, {
      action: 'add',
      title: 'Ledger amounts are integer cents',
      text: 'Never use floats for money in the ledger; amounts are stored as integer cents.',
      tags: ['Money', 'ledger'],
    });
    const note = added.note;
    expect(note).toMatchObject({
      kind: 'note',
      pinned: false,
      tags: ['money', 'ledger'],
      source: { kind: 'manual' },
    });
    expect(note?.id).toMatch(/^note-\d{14}-[0-9a-f]{6}$/);
    expect(added.changed).toBe(true);
    const stored = JSON.parse(
      await readFile(path.join(root, '.tandem', 'memory', `${note?.id}.json`), 'utf8'),
    );
    expect(stored.title).toBe('Ledger amounts are integer cents');

    const shown = await memory(orchestrator, { action: 'list', id: note?.id });
    expect(shown.note).toEqual(note);
    expect(shown.text).toContain('Never use floats for money');
  });

  it('adds a decision with a default status and marks the one it supersedes', async () => {
    const first = await memory(orchestrator, {
      action: 'add',
      kind: 'decision',
      title: 'Reports render as CSV',
      context: 'Accountants import reports into spreadsheets.',
      decision: 'The report command writes CSV.',
    });
    expect(first.note).toMatchObject({ kind: 'decision', status: 'accepted' });
    const second = await memory(orchestrator, {
      action: 'add',
      kind: 'decision',
      title: 'Reports render as JSON and CSV',
      context: 'The web view needs JSON.',
      decision: 'The report command takes --format json|csv.',
      consequences: 'Two renderers to keep in step.',
      status: 'proposed',
      supersedes: first.note?.id,
    });
    expect(second.note).toMatchObject({ status: 'proposed', supersedes: first.note?.id });
    expect(second.superseded).toBe(first.note?.id);
    const old = await memory(orchestrator, { action: 'list', id: first.note?.id });
    expect(old.note).toMatchObject({ status: 'superseded', superseded_by: second.note?.id });
  });

  it('lists compactly with filters, pinned first, and pages with a cursor', async () => {
    const pinned = await memory(orchestrator, {
      action: 'add',
      title: 'Run just validate before committing',
      text: 'The justfile has a validate recipe that runs lint and tests.',
      tags: ['workflow'],
      pinned: true,
    });
    const all = await memory(orchestrator, { action: 'list' });
    expect(all.matched).toBe(4);
    expect(all.notes[0]?.id).toBe(pinned.note?.id);
    expect(all.pins).toEqual({ count: 1, limit: 20 });
    expect(all.notes[0]).not.toHaveProperty('text');

    const decisions = await memory(orchestrator, { action: 'list', kind: 'decision' });
    expect(decisions.notes.map((note) => note.title).sort()).toEqual([
      'Reports render as CSV',
      'Reports render as JSON and CSV',
    ]);
    expect((await memory(orchestrator, { action: 'list', tag: 'LEDGER' })).matched).toBe(1);
    expect((await memory(orchestrator, { action: 'list', pinned: false })).matched).toBe(3);

    const first = await memory(orchestrator, { action: 'list', limit: 3 });
    expect(first.notes).toHaveLength(3);
    expect(first.next_cursor).toBeDefined();
    const second = await memory(orchestrator, { action: 'list', limit: 3, cursor: first.next_cursor });
    expect(second.notes).toHaveLength(1);
    expect(second.next_cursor).toBeUndefined();
    expect(new Set([...first.notes, ...second.notes].map((note) => note.id)).size).toBe(4);
    expect(
      await memoryError(orchestrator, { action: 'list', kind: 'note', cursor: first.next_cursor }),
    ).toMatch(/cursor belongs to a different listing/);
  });

  it('pins and unpins, saying when nothing changed', async () => {
    const { notes } = await memory(orchestrator, { action: 'list', kind: 'note', pinned: false });
    const id = notes[0]?.id;
    const pinned = await memory(orchestrator, { action: 'pin', id });
    expect(pinned).toMatchObject({ changed: true, note: { id, pinned: true }, pins: { count: 2 } });
    const again = await memory(orchestrator, { action: 'pin', id });
    expect(again.changed).toBe(false);
    expect(again.text).toContain('already pinned');
    const unpinned = await memory(orchestrator, { action: 'unpin', id });
    expect(unpinned).toMatchObject({ changed: true, note: { pinned: false }, pins: { count: 1 } });
  });

  it('forgets a note, and refuses to forget one that does not exist', async () => {
    const added = await memory(orchestrator, { action: 'add', title: 'Temporary', text: 'to be forgotten' });
    const id = added.note?.id as string;
    const forgotten = await memory(orchestrator, { action: 'forget', id });
    expect(forgotten).toMatchObject({ changed: true, forgotten: id });
    expect(await memoryError(orchestrator, { action: 'forget', id })).toMatch(`No memory note "${id}"`);
    expect(await memoryError(orchestrator, { action: 'list', id })).toMatch(`No memory note "${id}"`);
    expect(await memoryError(orchestrator, { action: 'pin', id: 'note-nope' })).toMatch(/No memory note/);
  });

  it('refuses bad input with a clear message', async () => {
    const refusals: Array<[Record<string, unknown>, RegExp]> = [
      [{ action: 'add', title: '   ', text: 'x' }, /title is empty/],
      [{ action: 'add', text: 'no title' }, /needs `title`/],
      [{ action: 'add', title: 'No text' }, /A note needs `text`/],
      [
        { action: 'add', title: 'Big', text: 'x'.repeat(8001) },
        /`text` is 8001 characters; the limit is 8000/,
      ],
      [{ action: 'add', title: 't'.repeat(201), text: 'x' }, /`title` is 201 characters; the limit is 200/],
      [{ action: 'add', title: 'N', text: 'x', decision: 'y' }, /`decision` belong to decisions/],
      [{ action: 'add', kind: 'decision', title: 'D', decision: 'y' }, /A decision needs `context`/],
      [
        {
          action: 'add',
          kind: 'decision',
          title: 'D',
          context: 'c',
          decision: 'd',
          supersedes: 'decision-x',
        },
        /No memory note "decision-x"/,
      ],
      [{ action: 'add', title: 'T', text: 'x', tags: ['two words'] }, /tag "two words" is not usable/],
      [{ action: 'add', title: 'T', text: 'x', query: 'q' }, /`query` do not apply to memory add/],
      [{ action: 'search', query: 'x', id: 'note-1' }, /`id` do not apply to memory search/],
      [{ action: 'search', query: '  ' }, /needs a non-empty `query`/],
      [{ action: 'forget' }, /memory forget needs `id`/],
      [{ action: 'list', id: 'note-1', kind: 'note' }, /cannot be combined with kind/],
      [{ action: 'forget', id: '../config' }, /not a valid memory id/],
      [{ action: 'list', colour: 'red' }, /Invalid arguments for memory/],
      [{ action: 'list', cursor: 'garbage' }, /not one this server issued/],
    ];
    for (const [args, message] of refusals) {
      expect(await memoryError(orchestrator, args), JSON.stringify(args)).toMatch(message);
    }
    expect((await memory(orchestrator, { action: 'list' })).matched).toBe(4);
  });
});
