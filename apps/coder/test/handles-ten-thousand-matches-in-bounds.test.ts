import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';

describe('10,000 matches', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    const files: Record<string, string> = {};
    for (let f = 0; f < 20; f++)
      files[`m${f}.js`] = Array.from({ length: 500 }, (_, i) => `hit(${i});`).join('\n');
    await writeTree(temp.dir, files);
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('ast_search counts them all and returns one bounded page', async () => {
    const result = await callOk<{ total_matches: number; matches: unknown[]; next_cursor?: string }>(
      session.client,
      'ast_search',
      { pattern: 'hit($N)' },
    );
    expect(result.total_matches).toBe(10_000);
    expect(result.matches).toHaveLength(50);
    expect(result.next_cursor).toBeDefined();
    expect(result._text.length).toBeLessThan(10_000);
  });

  it('an ast_rewrite dry run lists every file id but bounds the changes and the diff', async () => {
    const result = await callOk<{
      total_changes: number;
      files: Array<{ file_id: string; change_count: number; changes: unknown[]; diff?: string }>;
      diff_truncated: boolean;
    }>(session.client, 'ast_rewrite', { pattern: 'hit($N)', rewrite: 'miss($N)', max_diff_chars: 20_000 });
    expect(result.total_changes).toBe(10_000);
    expect(result.files).toHaveLength(20);
    expect(result.files.every((f) => f.change_count === 500 && f.changes.length === 20)).toBe(true);
    expect(result.diff_truncated).toBe(true);
    expect(result._text.length).toBeLessThan(40_000);
  });
});
