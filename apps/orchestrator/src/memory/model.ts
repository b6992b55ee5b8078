// The project memory's record: a note or an ADR-style decision, one JSON document per note under
// .tandem/memory/ (the RecordStore). Limits live here because they bound both what is stored and
// what every consultation carries (pinned notes go into each one).
import { z } from 'zod';

export const MEMORY_COLLECTION = 'memory';
export const MAX_TITLE_CHARS = 200;
/** A note's text, and each of a decision's context, decision and consequences. */
export const MAX_BODY_CHARS = 8000;
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 50;
/** Pins are sent with every consultation, so there are few of them. */
export const MAX_PINS = 20;
/** Past this, `add` is refused: every search and list reads the whole collection. */
export const MAX_NOTES = 5000;

export const NOTE_KINDS = ['note', 'decision'] as const;
export const DECISION_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export const SOURCE_KINDS = ['manual', 'consultation', 'plan'] as const;

export type NoteKind = (typeof NOTE_KINDS)[number];
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(MAX_TAG_CHARS)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u, 'letters, digits, ".", "_", "/" or "-"');

export const noteSource = z.object({
  kind: z.enum(SOURCE_KINDS),
  /** The consultation thread or plan the note was saved from. */
  id: z.string().optional(),
});
export type NoteSource = z.output<typeof noteSource>;

/** As stored. Decision fields are present on decisions only; `text` on notes (and saved answers). */
export const memoryRecord = z.object({
  kind: z.enum(NOTE_KINDS),
  title: z.string().min(1).max(MAX_TITLE_CHARS),
  text: z.string().max(MAX_BODY_CHARS).optional(),
  context: z.string().max(MAX_BODY_CHARS).optional(),
  decision: z.string().max(MAX_BODY_CHARS).optional(),
  consequences: z.string().max(MAX_BODY_CHARS).optional(),
  status: z.enum(DECISION_STATUSES).optional(),
  supersedes: z.string().optional(),
  superseded_by: z.string().optional(),
  tags: z.array(tag).max(MAX_TAGS).default([]),
  pinned: z.boolean().default(false),
  source: noteSource.default({ kind: 'manual' }),
  created: z.string(),
  updated: z.string(),
});
export type MemoryRecord = z.output<typeof memoryRecord>;
export type MemoryNote = MemoryRecord & { id: string };

/** What `addNote` takes: the stored fields a caller chooses (ids, dates and supersession are the store's). */
export interface NoteInput {
  kind: NoteKind;
  title: string;
  text?: string;
  context?: string;
  decision?: string;
  consequences?: string;
  /** Decisions only; default `accepted`. */
  status?: DecisionStatus;
  /** Decisions only: the id of the decision this one replaces (marked `superseded`). */
  supersedes?: string;
  tags?: string[];
  pinned?: boolean;
  source?: NoteSource;
}

/** The note as one text: a note's text, or a decision's sections (what pins and snippets show). */
export function bodyOf(note: MemoryRecord): string {
  if (note.kind === 'note') return note.text ?? '';
  return [
    note.status && `Status: ${note.status}${note.superseded_by ? ` (by ${note.superseded_by})` : ''}`,
    note.context && `Context: ${note.context}`,
    note.decision && `Decision: ${note.decision}`,
    note.consequences && `Consequences: ${note.consequences}`,
    note.text,
  ]
    .filter(Boolean)
    .join('\n');
}
