// The backlog as read from disk: every task in its detailed form, the files that could not be read.
import type { backlogProblem, backlogTaskDetail } from '@tandem/shared/schemas';
import type { z } from 'zod';

export type BacklogTask = z.output<typeof backlogTaskDetail> & {
  /** Heading texts a checklist item is under, outermost first (empty for Backlog.md tasks). */
  headings: string[];
};

export type BacklogProblem = z.output<typeof backlogProblem>;

export interface Backlog {
  format: 'backlog.md' | 'checklist';
  path: string;
  project: string | null;
  statuses: string[];
  /** The id prefix a bare number means (`task` unless the config says otherwise). */
  taskPrefix: string;
  tasks: BacklogTask[];
  problems: BacklogProblem[];
}

/** Long sections are cut to this many characters, with a marker, so one task stays a bounded result. */
export const MAX_SECTION_CHARS = 8000;

export function capSection(text: string): { text: string; truncated: boolean } {
  if (text.length <= MAX_SECTION_CHARS) return { text, truncated: false };
  const cut = text.length - MAX_SECTION_CHARS;
  return { text: `${text.slice(0, MAX_SECTION_CHARS)}\n… [${cut} more characters cut]`, truncated: true };
}

/** `task-12.3` → prefix `task`, numbers [12, 3]; ids without a number sort by text. */
export function splitId(id: string): { prefix: string; numbers: number[] } | null {
  const match = /^([\p{L}_]*)[-_ ]?(\d+(?:\.\d+)*)$/u.exec(id.trim());
  if (!match?.[2]) return null;
  return { prefix: (match[1] ?? '').toLowerCase(), numbers: match[2].split('.').map(Number) };
}

export function compareIds(a: string, b: string): number {
  const left = splitId(a);
  const right = splitId(b);
  if (left && right) {
    if (left.prefix !== right.prefix) return left.prefix < right.prefix ? -1 : 1;
    for (let i = 0; i < Math.max(left.numbers.length, right.numbers.length); i += 1) {
      const difference = (left.numbers[i] ?? -1) - (right.numbers[i] ?? -1);
      if (difference !== 0) return difference;
    }
    return 0;
  }
  if (left) return -1;
  if (right) return 1;
  return a.localeCompare(b);
}
