// The `memory` tool: project notes and ADR-style decisions under .tandem/memory/, ranked search, pins.
import { z } from 'zod';

const id = z.string().min(1).max(100);

export const memoryInput = z.strictObject({
  action: z.enum(['add', 'search', 'pin', 'unpin', 'list', 'forget']),
  id: id.optional().describe('pin, unpin, forget: the note; list: show this one note in full'),
  kind: z
    .enum(['note', 'decision'])
    .optional()
    .describe('add: what to store (default note); list, search: only this kind'),
  title: z.string().max(1000).optional().describe('add: short title (required unless from_thread/from_plan)'),
  text: z.string().max(100_000).optional().describe('add, kind note: what to remember'),
  context: z.string().max(100_000).optional().describe('add, kind decision: the forces and the problem'),
  decision: z.string().max(100_000).optional().describe('add, kind decision: what was decided'),
  consequences: z.string().max(100_000).optional().describe('add, kind decision: what follows from it'),
  status: z
    .enum(['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'])
    .optional()
    .describe('add, kind decision: default accepted'),
  supersedes: id.optional().describe('add, kind decision: id of the decision this one replaces'),
  tags: z.array(z.string().max(1000)).max(100).optional().describe('add: topic words'),
  from_thread: id
    .optional()
    .describe("add: save a consultation thread's last answer (persona, question, answer) as a note"),
  from_plan: id.optional().describe("add: save a plan's goal, steps and outcome as a note"),
  query: z.string().max(1000).optional().describe('search: words; prefix and typo tolerant'),
  tag: z.string().max(1000).optional().describe('list, search: only notes with this tag'),
  pinned: z
    .boolean()
    .optional()
    .describe('add: pin it at once; list, search: only pinned (true) or unpinned'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('list, search: per page (default 20, search 10)'),
  cursor: z.string().max(2000).optional().describe('list, search: next_cursor of the previous page'),
});

export const memorySource = z.object({
  kind: z.enum(['manual', 'consultation', 'plan']),
  id: z.string().optional().describe('The consultation thread or plan it was saved from'),
});

export const memoryNote = z.object({
  id: z.string(),
  kind: z.enum(['note', 'decision']),
  title: z.string(),
  text: z.string().optional(),
  context: z.string().optional(),
  decision: z.string().optional(),
  consequences: z.string().optional(),
  status: z.enum(['proposed', 'accepted', 'rejected', 'deprecated', 'superseded']).optional(),
  supersedes: z.string().optional(),
  superseded_by: z.string().optional(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  source: memorySource,
  created: z.string().describe('ISO 8601'),
  updated: z.string().describe('ISO 8601'),
});

export const memoryHit = z.object({
  id: z.string(),
  kind: z.enum(['note', 'decision']),
  title: z.string(),
  status: z.string().optional(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  updated: z.string(),
  snippet: z.string().describe('Where the query matched (search), or how the note begins (list)'),
  score: z.number().optional().describe('search: relevance, higher is better'),
  fields: z.array(z.string()).optional().describe('search: the fields that matched'),
});

export const memoryProblem = z.object({
  id: z.string(),
  file: z.string().describe('Relative to the root'),
  message: z.string(),
});

export const memoryOutput = z.object({
  action: z.enum(['add', 'search', 'pin', 'unpin', 'list', 'forget']),
  note: memoryNote.nullable().describe('add, pin, unpin, list with id: the note'),
  notes: z.array(memoryHit).describe('list, search: this page'),
  matched: z.number().int().describe('list, search: notes that pass the filters (all pages)'),
  next_cursor: z.string().optional().describe('Pass as cursor for the next page'),
  changed: z.boolean().describe('Whether the call changed memory'),
  forgotten: z.string().optional().describe('forget: the id deleted'),
  superseded: z.string().optional().describe('add: the decision marked superseded'),
  pins: z.object({ count: z.number().int(), limit: z.number().int() }),
  problems: z.array(memoryProblem).describe('Memory records that could not be read; the rest are served'),
});
