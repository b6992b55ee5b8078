// The pinned notes every consultation carries. Each note's text is cut to a fixed size so that the
// pins together stay small (MAX_PINS of them at most); the consultation's token budget does the rest.

import { bodyOf } from './model.js';
import { listNotes } from './notes.js';

export const MAX_PINNED_TEXT_CHARS = 1500;

/**
 * The project's pinned notes, most recently updated first: id, title and the note as text (a decision's
 * status, context, decision and consequences). Unusable records are skipped: a consultation must not
 * fail because one memory file is broken (memory list reports them).
 */
export async function pinnedNotes(root: string): Promise<Array<{ id: string; title: string; text: string }>> {
  const { notes } = await listNotes(root);
  return notes
    .filter((note) => note.pinned)
    .map((note) => {
      const body = bodyOf(note);
      const chars = [...body];
      const text =
        chars.length > MAX_PINNED_TEXT_CHARS
          ? `${chars.slice(0, MAX_PINNED_TEXT_CHARS).join('')}… [cut; memory {action: "list", id: "${note.id}"} shows it whole]`
          : body;
      return { id: note.id, title: note.title, text };
    });
}
