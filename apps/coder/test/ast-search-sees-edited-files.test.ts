import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';

describe('ast_search between edits', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, { 'a.py': 'old_name(1)\n' });
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('searches the current content of a file after it changed on disk', async () => {
    const first = await callOk<{ total_matches: number }>(session.client, 'ast_search', {
      pattern: 'old_name($A)',
    });
    expect(first.total_matches).toBe(1);
    await writeFile(path.join(temp.dir, 'a.py'), 'new_name(1)\nnew_name(2)\n');
    const gone = await callOk<{ total_matches: number }>(session.client, 'ast_search', {
      pattern: 'old_name($A)',
    });
    expect(gone.total_matches).toBe(0);
    const found = await callOk<{ total_matches: number }>(session.client, 'ast_search', {
      pattern: 'new_name($A)',
    });
    expect(found.total_matches).toBe(2);
  });
});
