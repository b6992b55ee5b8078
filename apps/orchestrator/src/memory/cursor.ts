// Page cursors for memory list and search: an offset bound to the filters it was issued for, so a
// cursor reused with other filters is refused rather than silently skipping notes.
import { createHash } from 'node:crypto';
import { ToolError } from '@tandem/shared';

export function filtersKey(filters: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('base64url').slice(0, 16);
}

export function readCursor(text: string | undefined, key: string): number {
  if (text === undefined) return 0;
  let cursor: { v?: unknown; f?: unknown; o?: unknown } = {};
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    // reported below like any other cursor this server did not issue
  }
  if (cursor?.v !== 1 || typeof cursor.o !== 'number' || !Number.isInteger(cursor.o) || cursor.o < 0) {
    throw new ToolError('The cursor is not one this server issued.', {
      hint: 'Pass next_cursor from the previous page unchanged, or leave cursor out to start over.',
    });
  }
  if (cursor.f !== key) {
    throw new ToolError('The cursor belongs to a different listing (action, query or filters changed).', {
      hint: 'Repeat the call with the same arguments and the cursor, or leave cursor out to start over.',
    });
  }
  return cursor.o;
}

export function writeCursor(key: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, f: key, o: offset })).toString('base64url');
}
