// Filters, ranks and pages a loaded backlog, and finds one task by id.
import { createHash } from 'node:crypto';
import { ToolError } from '@tandem/shared';
import type { Backlog, BacklogTask } from './model.js';
import { splitId } from './model.js';

export interface Filters {
  status?: string | undefined;
  label?: string | undefined;
  query?: string | undefined;
  include?: ReadonlyArray<'drafts' | 'completed' | 'archive'> | undefined;
}

/** Points per query word found in a field: the title says most about a task, then its labels. */
export const QUERY_WEIGHTS = { title: 3, label: 2, text: 1 } as const;

export function queryWords(query: string): string[] {
  return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Sum over the query's words of the weight of each field with a word that starts with it (so
 * "report" finds "reports", but "port" does not find "report").
 */
export function scoreTask(task: BacklogTask, words: readonly string[]): number {
  const fields = [
    { weight: QUERY_WEIGHTS.title, words: wordsOf(task.title) },
    { weight: QUERY_WEIGHTS.label, words: wordsOf([...task.labels, ...task.headings].join(' ')) },
    {
      weight: QUERY_WEIGHTS.text,
      words: wordsOf(
        [task.description ?? '', ...task.acceptance_criteria.map((criterion) => criterion.text)].join(' '),
      ),
    },
  ];
  let score = 0;
  for (const word of words) {
    for (const field of fields)
      if (field.words.some((candidate) => candidate.startsWith(word))) score += field.weight;
  }
  return score;
}

export function inScope(backlog: Backlog, task: BacklogTask, filters: Filters): boolean {
  if (backlog.format === 'checklist' || task.location === 'tasks') return true;
  return (filters.include ?? []).includes(task.location as 'drafts' | 'completed' | 'archive');
}

export interface Selection {
  counts: Record<string, number>;
  otherFolders: Record<string, number>;
  matches: Array<{ task: BacklogTask; score?: number }>;
}

export function selectTasks(backlog: Backlog, filters: Filters): Selection {
  const scoped = backlog.tasks.filter((task) => inScope(backlog, task, filters));
  const counts: Record<string, number> = {};
  for (const task of scoped) counts[task.status] = (counts[task.status] ?? 0) + 1;
  const otherFolders: Record<string, number> = {};
  for (const task of backlog.tasks) {
    if (!inScope(backlog, task, filters))
      otherFolders[task.location] = (otherFolders[task.location] ?? 0) + 1;
  }

  let selected = scoped;
  if (filters.status !== undefined) {
    const wanted = filters.status.trim().toLowerCase();
    const known = [...new Set([...backlog.statuses, ...backlog.tasks.map((task) => task.status)])].filter(
      Boolean,
    );
    if (!known.some((status) => status.toLowerCase() === wanted)) {
      throw new ToolError(`No status "${filters.status}" in this backlog.`, {
        hint: `Its statuses: ${known.join(', ')}.`,
      });
    }
    selected = selected.filter((task) => task.status.toLowerCase() === wanted);
  }
  if (filters.label !== undefined) {
    const wanted = filters.label.trim().toLowerCase();
    selected = selected.filter((task) =>
      [...task.labels, ...task.headings].some((label) => label.toLowerCase() === wanted),
    );
  }
  if (filters.query === undefined)
    return { counts, otherFolders, matches: selected.map((task) => ({ task })) };

  const words = queryWords(filters.query);
  if (words.length === 0) {
    throw new ToolError('The query has no words to look for.', {
      hint: 'Give letters or digits, e.g. "csv import".',
    });
  }
  const matches = selected
    .map((task, order) => ({ task, score: scoreTask(task, words), order }))
    .filter((match) => match.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map(({ task, score }) => ({ task, score }));
  return { counts, otherFolders, matches };
}

/**
 * Which of `ids` `wanted` names: an id in any letter case, or just its number (`3`, `3.1`), which
 * prefers the configured task prefix (so `1` is `task-1`, not `draft-1`). Zero padding is ignored.
 * Returns its index, or -1.
 */
export function matchId(ids: readonly string[], wanted: string, taskPrefix: string): number {
  const text = wanted.trim().toLowerCase();
  const exact = ids.findIndex((id) => id.toLowerCase() === text);
  if (exact !== -1) return exact;
  const asked = splitId(text);
  if (asked === null) return -1;
  let fallback = -1;
  for (const [index, id] of ids.entries()) {
    const parts = splitId(id);
    if (
      parts === null ||
      parts.numbers.length !== asked.numbers.length ||
      !parts.numbers.every((number, position) => number === asked.numbers[position]) ||
      (asked.prefix !== '' && parts.prefix !== asked.prefix)
    ) {
      continue;
    }
    if (parts.prefix === taskPrefix) return index;
    if (fallback === -1) fallback = index;
  }
  return fallback;
}

export function findTask(backlog: Backlog, wanted: string): BacklogTask | undefined {
  return backlog.tasks[
    matchId(
      backlog.tasks.map((task) => task.id),
      wanted,
      backlog.taskPrefix,
    )
  ];
}

interface Cursor {
  v: 1;
  /** Fingerprint of the filters the cursor belongs to. */
  f: string;
  /** Tasks already returned. */
  o: number;
}

export function filtersKey(filters: Filters): string {
  const { status, label, query, include } = filters;
  const key = JSON.stringify({ status, label, query, include: [...(include ?? [])].sort() });
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

export function readCursor(text: string | undefined, key: string): number {
  if (text === undefined) return 0;
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    cursor = { v: 0 } as unknown as Cursor;
  }
  if (cursor.v !== 1 || !Number.isInteger(cursor.o) || cursor.o < 0 || typeof cursor.f !== 'string') {
    throw new ToolError('The cursor is not one this server issued.', {
      hint: 'Pass next_cursor from the previous page unchanged, or leave cursor out to start over.',
    });
  }
  if (cursor.f !== key) {
    throw new ToolError(
      'The cursor belongs to a different listing (status, label, query or include changed).',
      {
        hint: 'Repeat the call with the same filters, or leave cursor out to start over.',
      },
    );
  }
  return cursor.o;
}

export function writeCursor(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, f: key, o: offset } satisfies Cursor)).toString('base64url');
}
