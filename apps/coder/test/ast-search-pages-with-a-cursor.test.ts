import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoderSession,
  callError,
  callOk,
  connectCoder,
  makeTempDir,
  writeTree,
} from './support/coder.js';

interface Page {
  matches: Array<{ file: string; line: number }>;
  total_matches: number;
  next_cursor?: string;
}

describe('ast_search paging', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    const calls = Array.from({ length: 120 }, (_, i) => `call(${i});`).join('\n');
    await writeTree(temp.dir, { 'a.js': calls, 'b.js': calls.slice(0, 200) });
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('returns every match exactly once across pages, in file order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    let total = 0;
    do {
      const page: Page = await callOk<Page>(session.client, 'ast_search', {
        pattern: 'call($N)',
        limit: 50,
        ...(cursor ? { cursor } : {}),
      });
      total = page.total_matches;
      seen.push(...page.matches.map((m) => `${m.file}:${m.line}`));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThan(120);
    expect(seen[0]).toBe('a.js:1');
    expect(seen[seen.length - 1]?.startsWith('b.js:')).toBe(true);
  });

  it('defaults to 50 matches per page', async () => {
    const page = await callOk<Page>(session.client, 'ast_search', { pattern: 'call($N)' });
    expect(page.matches).toHaveLength(50);
    expect(page.next_cursor).toBeDefined();
  });

  it('refuses a cursor from another search and a forged cursor', async () => {
    const page = await callOk<Page>(session.client, 'ast_search', { pattern: 'call($N)', limit: 5 });
    const other = await callError(session.client, 'ast_search', {
      pattern: 'call($M)',
      cursor: page.next_cursor,
    });
    expect(other).toMatch(/cursor belongs to a different search/);
    const forged = await callError(session.client, 'ast_search', {
      pattern: 'call($N)',
      cursor: 'not-a-cursor',
    });
    expect(forged).toMatch(/cursor is not one this server issued/);
  });
});
