import { ToolError } from '@tandem/shared';
import { memoryInput, memoryOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { filtersKey, readCursor, writeCursor } from '../memory/cursor.js';
import { noteFromPlan, noteFromThread } from '../memory/from-sources.js';
import { MAX_PINS, MEMORY_COLLECTION, type MemoryNote, type NoteInput } from '../memory/model.js';
import { addNote, forgetNote, getNote, listNotes, setPinned } from '../memory/notes.js';
import { type HitView, hitLine, hitView, listView, noteText, problemLines } from '../memory/render.js';
import { searchNotes } from '../memory/search.js';
import { defineOrchestratorTool } from './define.js';

type Args = z.output<typeof memoryInput>;
type Action = Args['action'];
type Output = z.input<typeof memoryOutput>;

/** The arguments each action takes besides `action`; any other is refused rather than ignored. */
const TAKES: Record<Action, ReadonlyArray<keyof Args>> = {
  add: [
    'kind',
    'title',
    'text',
    'context',
    'decision',
    'consequences',
    'status',
    'supersedes',
    'tags',
    'pinned',
    'from_thread',
    'from_plan',
  ],
  search: ['query', 'kind', 'tag', 'pinned', 'limit', 'cursor'],
  list: ['id', 'kind', 'tag', 'pinned', 'limit', 'cursor'],
  pin: ['id'],
  unpin: ['id'],
  forget: ['id'],
};

export const memoryTool = defineOrchestratorTool({
  name: 'memory',
  title: 'Project memory',
  description:
    'Project notes and ADR-style decisions under .tandem/memory: add (or save a consultation thread / plan with from_thread / from_plan), ranked search, list, pin (pinned notes go into every consultation), unpin, forget.',
  input: memoryInput,
  output: memoryOutput,
  // One tool writes (.tandem/memory) and, with forget, deletes notes and, with unpin, takes a note out
  // of every consultation: per the MCP annotation semantics it "may perform destructive updates", so
  // destructiveHint is true. Not idempotent: each add stores a new note. Write permission class.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  async handler(args, { root }) {
    checkArguments(args);
    switch (args.action) {
      case 'add':
        return add(root, args);
      case 'search':
        return search(root, args);
      case 'list':
        return args.id === undefined ? list(root, args) : show(root, args.id);
      case 'pin':
      case 'unpin':
        return pin(root, requiredId(args), args.action === 'pin');
      case 'forget':
        return forget(root, requiredId(args));
    }
  },
});

function checkArguments(args: Args): void {
  const allowed = TAKES[args.action];
  const stray = (Object.keys(args) as Array<keyof Args>).filter(
    (key) => key !== 'action' && args[key] !== undefined && !allowed.includes(key),
  );
  if (stray.length > 0) {
    throw new ToolError(
      `${stray.map((key) => `\`${key}\``).join(', ')} do not apply to memory ${args.action}.`,
      {
        hint: `${args.action} takes ${allowed.map((key) => `\`${key}\``).join(', ')}.`,
      },
    );
  }
  if (args.action === 'list' && args.id !== undefined) {
    const filters = (['kind', 'tag', 'pinned', 'limit', 'cursor'] as const).filter(
      (key) => args[key] !== undefined,
    );
    if (filters.length > 0) {
      throw new ToolError(`\`id\` shows one note and cannot be combined with ${filters.join(', ')}.`, {
        hint: 'Call list with only id, or with the filters and no id.',
      });
    }
  }
}

function requiredId(args: Args): string {
  if (args.id === undefined) {
    throw new ToolError(`memory ${args.action} needs \`id\`.`, {
      hint: 'Pass the id of a note, as list or search return it.',
    });
  }
  return args.id;
}

async function base(root: string, action: Action): Promise<Output> {
  const { notes, problems } = await listNotes(root);
  return {
    action,
    note: null,
    notes: [],
    matched: 0,
    changed: false,
    pins: { count: notes.filter((note) => note.pinned).length, limit: MAX_PINS },
    problems,
  };
}

function fileOf(id: string): string {
  return `.tandem/${MEMORY_COLLECTION}/${id}.json`;
}

async function add(root: string, args: Args) {
  const from = args.from_thread ?? args.from_plan;
  let input: NoteInput;
  if (from !== undefined) {
    if (args.from_thread !== undefined && args.from_plan !== undefined) {
      throw new ToolError('Pass from_thread or from_plan, not both.', { hint: 'Save each in its own call.' });
    }
    const own = (['text', 'context', 'decision', 'consequences', 'status', 'supersedes'] as const).filter(
      (key) => args[key] !== undefined,
    );
    if (own.length > 0 || (args.kind !== undefined && args.kind !== 'note')) {
      throw new ToolError(
        `A note saved from a ${args.from_thread ? 'thread' : 'plan'} takes its text from it; ${[
          ...own,
          ...(args.kind && args.kind !== 'note' ? ['kind'] : []),
        ].join(', ')} cannot be given too.`,
        { hint: 'Pass only title (to override), tags and pinned with from_thread or from_plan.' },
      );
    }
    const saved = args.from_thread
      ? await noteFromThread(root, args.from_thread)
      : await noteFromPlan(root, from);
    input = {
      ...saved,
      title: args.title ?? saved.title,
      tags: [...(saved.tags ?? []), ...(args.tags ?? [])],
      pinned: args.pinned,
    };
  } else {
    if (args.title === undefined) {
      throw new ToolError('memory add needs `title`.', {
        hint: 'Give a short title, and text (a note) or context and decision (kind "decision").',
      });
    }
    input = {
      kind: args.kind ?? 'note',
      title: args.title,
      text: args.text,
      context: args.context,
      decision: args.decision,
      consequences: args.consequences,
      status: args.status,
      supersedes: args.supersedes,
      tags: args.tags,
      pinned: args.pinned,
    };
  }
  const note = await addNote(root, input);
  const result = await base(root, 'add');
  const superseded = note.supersedes;
  return {
    structured: { ...result, note, changed: true, ...(superseded ? { superseded } : {}) },
    text: [
      `Added ${note.id}${note.pinned ? ` (pinned, ${result.pins.count}/${MAX_PINS} pins)` : ''}: ${note.title}`,
      ...(superseded ? [`${superseded} is now superseded by it.`] : []),
      ...problemLines(result.problems),
    ].join('\n'),
    filesChanged: [fileOf(note.id), ...(superseded ? [fileOf(superseded)] : [])],
  };
}

function matchesFilters(note: MemoryNote, args: Args): boolean {
  return (
    (args.kind === undefined || note.kind === args.kind) &&
    (args.tag === undefined || note.tags.includes(args.tag.trim().toLowerCase())) &&
    (args.pinned === undefined || note.pinned === args.pinned)
  );
}

function page(args: Args, views: HitView[], key: string, defaultLimit: number) {
  const limit = args.limit ?? defaultLimit;
  const offset = readCursor(args.cursor, key);
  const shown = views.slice(offset, offset + limit);
  const next = offset + shown.length < views.length ? writeCursor(key, offset + shown.length) : undefined;
  return { shown, next, offset };
}

function pageText(
  header: string,
  views: HitView[],
  shown: HitView[],
  offset: number,
  next: string | undefined,
  problems: Output['problems'],
): string {
  return [
    header,
    ...shown.map(hitLine),
    ...(next ? [`… ${views.length - offset - shown.length} more: pass cursor "${next}"`] : []),
    ...(offset > 0 && shown.length === 0 ? [`The cursor is past the last of ${views.length}.`] : []),
    ...problemLines(problems),
  ].join('\n');
}

function filterWords(args: Args): string {
  const words = [
    args.kind && `kind ${args.kind}`,
    args.tag && `tag ${args.tag}`,
    args.pinned !== undefined && (args.pinned ? 'pinned' : 'not pinned'),
  ].filter(Boolean);
  return words.length > 0 ? ` (${words.join(', ')})` : '';
}

async function search(root: string, args: Args) {
  const query = args.query?.trim() ?? '';
  if (query === '') {
    throw new ToolError('memory search needs a non-empty `query`.', {
      hint: 'Pass the words to look for, or use action "list" to browse.',
    });
  }
  const { notes, problems } = await listNotes(root);
  const views = searchNotes(root, notes, query)
    .filter((hit) => matchesFilters(hit.note, args))
    .map(hitView);
  const key = filtersKey({ action: 'search', query, kind: args.kind, tag: args.tag, pinned: args.pinned });
  const { shown, next, offset } = page(args, views, key, 10);
  const result = await base(root, 'search');
  const header =
    views.length === 0
      ? `No note matches "${query}"${filterWords(args)} among ${notes.length}.`
      : `${views.length} of ${notes.length} notes match "${query}"${filterWords(args)}, best first:`;
  return {
    structured: { ...result, notes: shown, matched: views.length, ...(next ? { next_cursor: next } : {}) },
    text: pageText(header, views, shown, offset, next, problems),
  };
}

async function list(root: string, args: Args) {
  const { notes, problems } = await listNotes(root);
  const views = notes.filter((note) => matchesFilters(note, args)).map(listView);
  const key = filtersKey({ action: 'list', kind: args.kind, tag: args.tag, pinned: args.pinned });
  const { shown, next, offset } = page(args, views, key, 20);
  const pinned = notes.filter((note) => note.pinned).length;
  const header = `${views.length} of ${notes.length} notes${filterWords(args)}; ${pinned}/${MAX_PINS} pinned. Pinned first, then newest:`;
  const result = await base(root, 'list');
  return {
    structured: { ...result, notes: shown, matched: views.length, ...(next ? { next_cursor: next } : {}) },
    text: pageText(
      views.length === 0 ? header.replace(/ Pinned first.*$/, '') : header,
      views,
      shown,
      offset,
      next,
      problems,
    ),
  };
}

async function show(root: string, id: string) {
  const note = await getNote(root, id);
  const result = await base(root, 'list');
  return {
    structured: { ...result, note, matched: 1 },
    text: [noteText(note), ...problemLines(result.problems)].join('\n'),
  };
}

async function pin(root: string, id: string, pinned: boolean) {
  const { note, changed } = await setPinned(root, id, pinned);
  const result = await base(root, pinned ? 'pin' : 'unpin');
  const state = pinned ? 'pinned' : 'not pinned';
  return {
    structured: { ...result, note, changed },
    text: `${id} ${changed ? `is now ${state}` : `was already ${state}`} (${result.pins.count}/${MAX_PINS} pins): ${note.title}`,
    filesChanged: changed ? [fileOf(id)] : [],
  };
}

async function forget(root: string, id: string) {
  await forgetNote(root, id);
  const result = await base(root, 'forget');
  return {
    structured: { ...result, changed: true, forgotten: id },
    text: [`Forgot ${id}.`, ...problemLines(result.problems)].join('\n'),
    filesChanged: [fileOf(id)],
  };
}
