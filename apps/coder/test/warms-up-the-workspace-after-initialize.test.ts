import { afterEach, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('background warm-up', () => {
  let session: CoderSession | undefined;
  let temp: Awaited<ReturnType<typeof makeTempDir>> | undefined;
  afterEach(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('parses the workspace once the client is initialized, and searches still see edits', async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      'a.ts': 'f(1);\n',
      'b.py': 'f(2)\n',
      'notes.txt': 'f(3)\n',
      '.hidden/c.js': 'f(4);\n',
    });
    session = await connectCoder(temp.dir, { TANDEM_LOG_LEVEL: 'debug' });
    const current = session;
    expect(await waitFor(() => /warm-up parsed/.test(current.stderr()), 20_000)).toBe(true);
    // Files of a known language, not hidden: a.ts and b.py.
    expect(current.stderr()).toMatch(/warm-up parsed 2 of 2 files/);
    await writeTree(temp.dir, { 'a.ts': 'f(1);\nf(5);\n' });
    const result = await callOk<{ total_matches: number }>(current.client, 'ast_search', {
      pattern: 'f($A)',
    });
    expect(result.total_matches).toBe(3);
  });

  it('is off with TANDEM_CODER_PREWARM=off', async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, { 'a.ts': 'f(1);\n' });
    session = await connectCoder(temp.dir, { TANDEM_LOG_LEVEL: 'debug', TANDEM_CODER_PREWARM: 'off' });
    await callOk(session.client, 'list_languages', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.stderr()).not.toMatch(/warm-up parsed/);
  });
});
