// Pinned notes are sent with consultations, possibly to a model provider, so secrets are masked before
// a note is stored (environment values, the config's patterns, private keys, high-entropy assignments,
// secretlint's vendor patterns). The caller learns which fields were masked.
import type { Redactor } from '@tandem/shared';
import type { NoteInput } from './model.js';

const TEXT_FIELDS = ['title', 'text', 'context', 'decision', 'consequences'] as const;

export async function maskNoteInput(
  note: NoteInput,
  redactor: Redactor,
): Promise<{ note: NoteInput; masked: string[] }> {
  const masked: string[] = [];
  const out: NoteInput = { ...note };
  for (const field of TEXT_FIELDS) {
    const value = note[field];
    if (value === undefined) continue;
    const clean = await redactor.redact(value);
    if (clean !== value) {
      masked.push(field);
      out[field] = clean;
    }
  }
  return { note: out, masked };
}
