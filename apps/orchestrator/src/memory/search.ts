// Ranked full-text search over memory with MiniSearch (BM25+, prefix and fuzzy matching, per-field
// boosts). The index is rebuilt only when the collection changed: it is cached per root under a
// fingerprint of every note's id and update time, which the listing reads anyway.
import { createHash } from 'node:crypto';
import MiniSearch, { type SearchResult } from 'minisearch';
import type { MemoryNote } from './model.js';

/** Title matches weigh most, then the decision itself, then prose, then tags. */
const BOOSTS = { title: 5, decision: 3, text: 1.5, context: 1.5, consequences: 1.5, tags: 0.75 } as const;
type Field = keyof typeof BOOSTS;
const FIELDS = Object.keys(BOOSTS) as Field[];
const SNIPPET_CHARS = 160;
const CACHED_ROOTS = 8;

export interface MemoryHit {
  note: MemoryNote;
  score: number;
  fields: Field[];
  snippet: string;
}

const cache = new Map<string, { key: string; index: MiniSearch<MemoryNote> }>();

function fieldText(note: MemoryNote, field: Field): string {
  return field === 'tags' ? note.tags.join(' ') : (note[field] ?? '');
}

function indexOf(root: string, notes: readonly MemoryNote[]): MiniSearch<MemoryNote> {
  const key = createHash('sha256')
    .update(
      notes
        .map((note) => `${note.id}\0${note.updated}`)
        .sort()
        .join('\n'),
    )
    .digest('base64url');
  const cached = cache.get(root);
  if (cached?.key === key) return cached.index;
  const index = new MiniSearch<MemoryNote>({
    fields: FIELDS,
    extractField: (note, field) => (field === 'id' ? note.id : fieldText(note, field as Field)),
  });
  index.addAll(notes);
  cache.delete(root);
  cache.set(root, { key, index });
  if (cache.size > CACHED_ROOTS) cache.delete(cache.keys().next().value as string);
  return index;
}

/**
 * The notes matching `query`, best first. Words of three letters or more also match as prefixes;
 * words of four or more tolerate typos (one edit per five letters). Notes are matched if any word is.
 */
export function searchNotes(root: string, notes: readonly MemoryNote[], query: string): MemoryHit[] {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const results = indexOf(root, notes).search(query, {
    boost: BOOSTS,
    prefix: (term) => term.length >= 3,
    fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
    combineWith: 'OR',
  });
  return results.flatMap((result) => {
    const note = byId.get(result.id as string);
    if (note === undefined) return [];
    const fields = matchedFields(result);
    return [{ note, score: result.score, fields, snippet: snippetOf(note, fields, result.terms) }];
  });
}

function matchedFields(result: SearchResult): Field[] {
  const fields = new Set(Object.values(result.match).flat());
  return FIELDS.filter((field) => fields.has(field)).sort((a, b) => BOOSTS[b] - BOOSTS[a]);
}

/** The text around the first matched word in the best matching field (tags shown as a list). */
function snippetOf(note: MemoryNote, fields: readonly Field[], terms: readonly string[]): string {
  const field = fields[0] ?? 'title';
  if (field === 'tags') return `tags: ${note.tags.join(', ')}`;
  const text = fieldText(note, field).replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  const positions = terms.map((term) => lower.indexOf(term.toLowerCase())).filter((at) => at >= 0);
  const at = positions.length > 0 ? Math.min(...positions) : 0;
  return `${field === 'title' ? '' : `${field}: `}${excerpt(text, at)}`;
}

/** Up to SNIPPET_CHARS characters of `text` around `at`, cut at spaces, with … where it was cut. */
export function excerpt(text: string, at = 0): string {
  if (text.length <= SNIPPET_CHARS) return text;
  let start = Math.max(0, at - SNIPPET_CHARS / 4);
  let end = Math.min(text.length, start + SNIPPET_CHARS);
  start = Math.max(0, end - SNIPPET_CHARS);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < at) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}
