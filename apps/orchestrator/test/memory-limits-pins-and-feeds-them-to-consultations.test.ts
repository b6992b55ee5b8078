// Pins go into every consultation, so there are at most 20 of them: a 21st is refused (pin or add),
// and pinnedNotes — what consultations read — returns them with bounded text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedNotes } from '../src/memory/pins.js';
import { memory, memoryError } from './support/memory.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

describe('memory pins', () => {
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

  it('refuses a 21st pin until one is unpinned', async () => {
    expect(await pinnedNotes(root)).toEqual([]); // no .tandem/memory yet: nothing pinned, no error
    const pinned: string[] = [];
    for (let n = 1; n <= 20; n += 1) {
      const added = await memory(orchestrator, {
        action: 'add',
        title: `Pin ${n}`,
        text: `note ${n}`,
        pinned: true,
      });
      pinned.push(added.note?.id as string);
    }
    const extra = await memory(orchestrator, { action: 'add', title: 'One more', text: 'not pinned' });
    expect(extra.pins).toEqual({ count: 20, limit: 20 });

    expect(await memoryError(orchestrator, { action: 'pin', id: extra.note?.id })).toMatch(
      /20 notes are pinned, the limit \(pins go into every consultation\)\. Unpin one first/,
    );
    expect(
      await memoryError(orchestrator, { action: 'add', title: 'Pinned too', text: 'x', pinned: true }),
    ).toMatch(/20 notes are pinned/);
    expect((await memory(orchestrator, { action: 'list' })).matched).toBe(21);

    await memory(orchestrator, { action: 'unpin', id: pinned[0] });
    const now = await memory(orchestrator, { action: 'pin', id: extra.note?.id });
    expect(now).toMatchObject({ changed: true, pins: { count: 20 } });
  });

  it('gives consultations the pinned notes with their text, long ones cut', async () => {
    const decision = await memory(orchestrator, {
      action: 'add',
      kind: 'decision',
      title: 'Long decision',
      context: 'c'.repeat(3000),
      decision: 'Keep it.',
      pinned: false,
    });
    await memory(orchestrator, { action: 'unpin', id: (await pinnedNotes(root)).at(-1)?.id });
    await memory(orchestrator, { action: 'pin', id: decision.note?.id });

    const pins = await pinnedNotes(root);
    expect(pins).toHaveLength(20);
    expect(pins.map((pin) => pin.title)).not.toContain('Pin 1');
    const long = pins.find((pin) => pin.id === decision.note?.id);
    expect(long?.text.startsWith('Status: accepted\nContext: ccc')).toBe(true);
    expect(long?.text.length).toBeLessThan(1700);
    expect(long?.text).toContain(`[cut; memory {action: "list", id: "${decision.note?.id}"} shows it whole]`);
    expect(pins.find((pin) => pin.title === 'One more')).toMatchObject({ text: 'not pinned' });
  });
});
