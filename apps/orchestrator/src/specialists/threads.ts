// Conversations with a persona, one record per thread under .tandem/threads/ (the embedded store), so
// a follow-up continues with the full history after a restart.
import { z } from 'zod';
import { RecordStore } from '../store/record-store.js';

export const THREADS_COLLECTION = 'threads';

export const threadTurn = z.object({
  question: z.string(),
  /** null while a brief waits for the calling model's answer (recorded by a later call's `answer`). */
  answer: z.string().nullable(),
  /** Who answered: a model path, the calling model after a brief, or nobody yet (a brief). */
  answered_by: z.enum(['sampling', 'provider', 'caller', 'brief']),
  provider: z.string().optional(),
  model: z.string().optional(),
  files: z.array(z.string()).default([]),
  at: z.string(),
});

export const threadRecord = z.object({
  id: z.string(),
  persona: z.string(),
  /** The workspace root the thread belongs to. */
  project: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  /** What the turns summarised away said; empty until the thread first grew past the turn limit. */
  summary: z.string().default(''),
  /** How many turns the summary stands for. */
  summarised_turns: z.number().int().min(0).default(0),
  turns: z.array(threadTurn),
});

export type ThreadTurn = z.output<typeof threadTurn>;
export type ThreadRecord = z.output<typeof threadRecord>;

export function threadStore(root: string): RecordStore<typeof threadRecord> {
  return new RecordStore(root, THREADS_COLLECTION, threadRecord);
}

/** The thread, undefined when there is none; CorruptRecordError when its record cannot be used. */
export async function readThread(root: string, id: string): Promise<ThreadRecord | undefined> {
  return threadStore(root).get(RecordStore.checkId(id, 'thread_id'));
}
