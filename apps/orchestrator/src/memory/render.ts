// The memory tool's compact text and structured shapes.

import type { StoreProblem } from '../store/record-store.js';
import { bodyOf, type MemoryNote } from './model.js';
import { excerpt, type MemoryHit } from './search.js';

export interface HitView {
  id: string;
  kind: MemoryNote['kind'];
  title: string;
  status?: string;
  tags: string[];
  pinned: boolean;
  updated: string;
  snippet: string;
  score?: number;
  fields?: string[];
}

export function listView(note: MemoryNote): HitView {
  return {
    id: note.id,
    kind: note.kind,
    title: note.title,
    ...(note.status ? { status: note.status } : {}),
    tags: note.tags,
    pinned: note.pinned,
    updated: note.updated,
    snippet: excerpt(bodyOf(note).replace(/\s+/g, ' ').trim()),
  };
}

export function hitView(hit: MemoryHit): HitView {
  return {
    ...listView(hit.note),
    snippet: hit.snippet,
    score: Math.round(hit.score * 1000) / 1000,
    fields: hit.fields,
  };
}

function labels(view: { kind: string; status?: string; pinned: boolean }): string {
  return [view.kind + (view.status ? `/${view.status}` : ''), view.pinned ? 'pinned' : '']
    .filter(Boolean)
    .join(', ');
}

export function hitLine(view: HitView): string {
  const score = view.score === undefined ? '' : ` score ${view.score.toFixed(2)}`;
  const tags = view.tags.length > 0 ? ` #${view.tags.join(' #')}` : '';
  return `${view.id} (${labels(view)})${score} ${view.title}${tags}\n  ${view.snippet}`;
}

export function noteText(note: MemoryNote): string {
  const source =
    note.source.kind === 'manual' ? 'manual' : `${note.source.kind} ${note.source.id ?? ''}`.trim();
  return [
    `${note.id} (${labels(note)}) ${note.title}`,
    [
      note.tags.length > 0 ? `tags: ${note.tags.join(', ')}` : '',
      `source: ${source}`,
      `created ${note.created}`,
      note.updated !== note.created ? `updated ${note.updated}` : '',
      note.supersedes ? `supersedes ${note.supersedes}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    bodyOf(note),
  ].join('\n');
}

export function problemLines(problems: readonly StoreProblem[]): string[] {
  return problems.map((problem) => `unreadable: ${problem.file}: ${problem.message}`);
}
