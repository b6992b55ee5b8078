// Writing and reading project memory. Every change that checks a rule over the whole collection (the
// pin limit, the note limit, supersession) runs under one per-root lock, so two calls in this process
// cannot both take the last pin.
import { ToolError } from '@tandem/shared';
import { type Listing, newRecordId, RecordStore } from '../store/record-store.js';
import {
  MAX_BODY_CHARS,
  MAX_NOTES,
  MAX_PINS,
  MAX_TAG_CHARS,
  MAX_TAGS,
  MAX_TITLE_CHARS,
  MEMORY_COLLECTION,
  type MemoryNote,
  type MemoryRecord,
  memoryRecord,
  type NoteInput,
} from './model.js';

const locks = new Map<string, Promise<unknown>>();

function storeOf(root: string): RecordStore<typeof memoryRecord> {
  return new RecordStore(root, MEMORY_COLLECTION, memoryRecord);
}

async function locked<T>(root: string, work: () => Promise<T>): Promise<T> {
  const run = (locks.get(root) ?? Promise.resolve()).catch(() => undefined).then(work);
  locks.set(root, run);
  try {
    return await run;
  } finally {
    if (locks.get(root) === run) locks.delete(root);
  }
}

/** Every usable note (pinned first, then the most recently updated) and the records that are not usable. */
export async function listNotes(root: string): Promise<Listing<MemoryRecord> & { notes: MemoryNote[] }> {
  const listing = await storeOf(root).list();
  const notes = listing.records
    .map(({ id, value }) => ({ id, ...value }))
    .sort(
      (a, b) =>
        Number(b.pinned) - Number(a.pinned) || b.updated.localeCompare(a.updated) || a.id.localeCompare(b.id),
    );
  return { ...listing, notes };
}

/** The note; ToolError when there is none (CorruptRecordError when its record is unusable). */
export async function getNote(root: string, id: string): Promise<MemoryNote> {
  RecordStore.checkId(id, 'memory id');
  const value = await storeOf(root).get(id);
  if (value === undefined) throw unknownNote(id);
  return { id, ...value };
}

function unknownNote(id: string): ToolError {
  return new ToolError(`No memory note "${id}".`, {
    hint: 'Call memory with action "list" or "search" for the ids (they look like "note-20260101120000-a1b2c3").',
  });
}

function bounded(field: string, value: string | undefined, max: number): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if ([...trimmed].length > max) {
    throw new ToolError(`\`${field}\` is ${[...trimmed].length} characters; the limit is ${max}.`, {
      hint: 'Shorten it: memory keeps the gist; link to files or threads for the rest.',
    });
  }
  return trimmed === '' ? undefined : trimmed;
}

function normalTags(tags: readonly string[] | undefined): string[] {
  const result = new Set<string>();
  for (const raw of tags ?? []) {
    const tag = raw.trim().toLowerCase();
    if (!/^[\p{L}\p{N}][\p{L}\p{N}._/-]*$/u.test(tag) || [...tag].length > MAX_TAG_CHARS) {
      throw new ToolError(`The tag "${raw}" is not usable.`, {
        hint: `Tags are one word of letters, digits, ".", "_", "/" or "-", at most ${MAX_TAG_CHARS} characters.`,
      });
    }
    result.add(tag);
  }
  if (result.size > MAX_TAGS) {
    throw new ToolError(`${result.size} tags; a note has at most ${MAX_TAGS}.`, {
      hint: 'Keep the telling ones.',
    });
  }
  return [...result];
}

/** The stored fields of a new note, checked per kind; ToolError names the field at fault. */
function checkInput(note: NoteInput): Omit<MemoryRecord, 'created' | 'updated' | 'pinned' | 'source'> {
  const title = bounded('title', note.title, MAX_TITLE_CHARS);
  if (title === undefined) {
    throw new ToolError('The title is empty.', {
      hint: 'Give the note a short title that says what it is about.',
    });
  }
  const text = bounded('text', note.text, MAX_BODY_CHARS);
  const context = bounded('context', note.context, MAX_BODY_CHARS);
  const decision = bounded('decision', note.decision, MAX_BODY_CHARS);
  const consequences = bounded('consequences', note.consequences, MAX_BODY_CHARS);
  const tags = normalTags(note.tags);
  if (note.kind === 'note') {
    const misplaced = Object.entries({
      context,
      decision,
      consequences,
      status: note.status,
      supersedes: note.supersedes,
    })
      .filter(([, value]) => value !== undefined)
      .map(([key]) => `\`${key}\``);
    if (misplaced.length > 0) {
      throw new ToolError(`${misplaced.join(', ')} belong to decisions, not notes.`, {
        hint: 'Pass kind "decision" (with context and decision), or put it all in the note\'s text.',
      });
    }
    if (text === undefined) {
      throw new ToolError('A note needs `text`.', { hint: 'Say what should be remembered in text.' });
    }
    return { kind: 'note', title, text, tags };
  }
  if (text !== undefined) {
    throw new ToolError('A decision has context, decision and consequences rather than `text`.', {
      hint: 'Move the text into context (why), decision (what) or consequences (what follows).',
    });
  }
  const missing = Object.entries({ context, decision })
    .filter(([, value]) => value === undefined)
    .map(([key]) => `\`${key}\``);
  if (missing.length > 0) {
    throw new ToolError(`A decision needs ${missing.join(' and ')}.`, {
      hint: 'context: the forces and the problem; decision: what was decided; consequences (optional): what follows.',
    });
  }
  if (note.supersedes !== undefined) RecordStore.checkId(note.supersedes, 'supersedes id');
  return {
    kind: 'decision',
    title,
    context,
    decision,
    consequences,
    status: note.status ?? 'accepted',
    supersedes: note.supersedes,
    tags,
  };
}

/**
 * Stores a new note or decision and returns it with its id. Checks required fields per kind, sizes,
 * tags, the pin limit and the superseded decision (which is marked `superseded`); ToolError otherwise.
 */
export async function addNote(root: string, note: NoteInput, now = new Date()): Promise<MemoryNote> {
  const fields = checkInput(note);
  return locked(root, async () => {
    const store = storeOf(root);
    const { notes, problems } = await listNotes(root);
    if (notes.length + problems.length >= MAX_NOTES) {
      throw new ToolError(`Memory holds ${MAX_NOTES} notes, its limit.`, {
        hint: 'Forget notes that no longer matter (action "forget"), then add again.',
      });
    }
    if (note.pinned === true) checkPinRoom(notes);
    const id = newRecordId(note.kind, now);
    const stamp = now.toISOString();
    if (fields.supersedes !== undefined) {
      const old = notes.find((candidate) => candidate.id === fields.supersedes);
      if (old === undefined) throw unknownNote(fields.supersedes);
      if (old.kind !== 'decision') {
        throw new ToolError(`"${old.id}" is a note; only a decision can be superseded.`, {
          hint: 'Leave supersedes out, or pass the id of the decision this one replaces.',
        });
      }
    }
    const record: MemoryRecord = {
      ...fields,
      pinned: note.pinned === true,
      source: note.source ?? { kind: 'manual' },
      created: stamp,
      updated: stamp,
    };
    await store.put(id, record);
    if (fields.supersedes !== undefined) {
      await store.update(fields.supersedes, (current) => {
        if (current === undefined) throw unknownNote(fields.supersedes as string);
        return { ...current, status: 'superseded', superseded_by: id, updated: stamp };
      });
    }
    return { id, ...memoryRecord.parse(record) };
  });
}

function checkPinRoom(notes: readonly MemoryNote[]): void {
  const pinned = notes.filter((note) => note.pinned);
  if (pinned.length >= MAX_PINS) {
    throw new ToolError(`${pinned.length} notes are pinned, the limit (pins go into every consultation).`, {
      hint: `Unpin one first, e.g. memory {action: "unpin", id: "${pinned.at(-1)?.id}"}.`,
    });
  }
}

/** Pins or unpins a note; `changed` is false when it already was. ToolError for an unknown id or too many pins. */
export async function setPinned(
  root: string,
  id: string,
  pinned: boolean,
  now = new Date(),
): Promise<{ note: MemoryNote; changed: boolean }> {
  return locked(root, async () => {
    const current = await getNote(root, id);
    if (current.pinned === pinned) return { note: current, changed: false };
    if (pinned) checkPinRoom((await listNotes(root)).notes);
    const { id: _id, ...record } = current;
    const next = { ...record, pinned, updated: now.toISOString() };
    await storeOf(root).put(id, next);
    return { note: { id, ...next }, changed: true };
  });
}

/** Deletes a note, usable or not (forgetting is how a corrupt record goes); ToolError for an unknown id. */
export async function forgetNote(root: string, id: string): Promise<void> {
  RecordStore.checkId(id, 'memory id');
  await locked(root, async () => {
    if (!(await storeOf(root).delete(id))) throw unknownNote(id);
  });
}
