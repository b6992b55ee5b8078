// Memory lives in .tandem/memory: a new orchestrator process sees the notes and pins of the last one,
// and a corrupt record is reported by list and search while the other notes are served (and forget
// removes it).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedNotes } from '../src/memory/pins.js';
import { memory, memoryError } from './support/memory.js';
import { connectOrchestrator } from './support/orchestrator.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

describe('memory across restarts', () => {
  let root: string;

  beforeAll(async () => {
    root = await sampleRepoCopy();
  }, 60_000);

  afterAll(async () => {
    if (root) await removeCopy(root);
  });

  it('keeps notes, decisions and pins for the next server process', async () => {
    const first = await connectOrchestrator(root);
    const note = await memory(first, {
      action: 'add',
      title: 'Coder runs ast-grep',
      text: 'The orchestrator never spawns ast-grep itself.',
      pinned: true,
    });
    await memory(first, {
      action: 'add',
      kind: 'decision',
      title: 'One JSON document per record',
      context: 'SQLite needs a native addon.',
      decision: 'The store writes one file per record.',
    });
    await first.close();

    const second = await connectOrchestrator(root);
    try {
      expect(second.pid).not.toBe(first.pid);
      const listed = await memory(second, { action: 'list' });
      expect(listed.notes.map((hit) => hit.title)).toEqual([
        'Coder runs ast-grep',
        'One JSON document per record',
      ]);
      expect(listed.pins.count).toBe(1);
      const found = await memory(second, { action: 'search', query: 'native addon' });
      expect(found.notes[0]?.title).toBe('One JSON document per record');
      expect((await pinnedNotes(root)).map((pin) => pin.id)).toEqual([note.note?.id]);
    } finally {
      await second.close();
    }
  });

  it('reports a corrupt record and serves the rest; forget removes it', async () => {
    const dir = path.join(root, '.tandem', 'memory');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'note-broken.json'), '{"kind": "note", "title": ');
    await writeFile(path.join(dir, 'note-wrong.json'), JSON.stringify({ kind: 'memo', title: 'x' }));
    const orchestrator = await connectOrchestrator(root);
    try {
      const listed = await memory(orchestrator, { action: 'list' });
      expect(listed.matched).toBe(2);
      expect(listed.problems.map((problem) => problem.file)).toEqual([
        '.tandem/memory/note-broken.json',
        '.tandem/memory/note-wrong.json',
      ]);
      expect(listed.text).toMatch(/unreadable: \.tandem\/memory\/note-broken\.json: not valid JSON/);
      const found = await memory(orchestrator, { action: 'search', query: 'ast-grep' });
      expect(found.notes).toHaveLength(1);
      expect(found.problems).toHaveLength(2);
      expect(await memoryError(orchestrator, { action: 'list', id: 'note-broken' })).toMatch(
        /\.tandem\/memory\/note-broken\.json cannot be used: not valid JSON/,
      );
      await memory(orchestrator, { action: 'add', title: 'Still writable', text: 'yes' });
      expect((await pinnedNotes(root)).length).toBe(1);

      await memory(orchestrator, { action: 'forget', id: 'note-broken' });
      expect((await memory(orchestrator, { action: 'list' })).problems.map((problem) => problem.id)).toEqual([
        'note-wrong',
      ]);
    } finally {
      await orchestrator.close();
    }
  });
});
