import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO } from './support/coder.js';

describe('dump_syntax_tree on files of the sample repo', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it.each([
    ['src/ledger.ts', 'typescript', 'program'],
    ['scripts/report.py', 'python', 'module'],
    ['scripts/deploy.sh', 'bash', 'program'],
  ])('infers the language of %s from its extension', async (file, language, rootKind) => {
    const dumped = await dumpTree(session.client, { path: file, max_nodes: 5000 });
    expect(dumped.language).toBe(language);
    expect(dumped.has_errors).toBe(false);
    expect(dumped.tree.split('\n')[0]).toMatch(new RegExp(`^${rootKind} 1:1-`));
  });

  it('gives 1-based positions that match the file', async () => {
    const dumped = await dumpTree(session.client, { path: 'src/ledger.ts', max_nodes: 5 });
    const source = await readFile(path.join(SAMPLE_REPO, 'src', 'ledger.ts'), 'utf8');
    const lines = dumped.tree.split('\n');
    // The first statement starts at the file's first character: line 1, column 1.
    expect(source.startsWith('import ')).toBe(true);
    expect(lines[1]).toMatch(/^ {2}import_statement 1:1-1:\d+$/);
    // The root ends one past the last line (the file ends with a newline).
    const lineCount = source.split('\n').length;
    expect(lines[0]).toBe(`program 1:1-${lineCount}:1`);
  });

  it('gives columns that count from 1 within a line', async () => {
    const dumped = await dumpTree(session.client, { code: 'x = foo(bar)\n', language: 'python' });
    expect(dumped.tree).toMatch(/^ +identifier 1:1-1:2 "x"$/m);
    expect(dumped.tree).toMatch(/^ +identifier 1:5-1:8 "foo"$/m);
    expect(dumped.tree).toMatch(/^ +identifier 1:9-1:12 "bar"$/m);
  });

  it('lets an explicit language override the extension', async () => {
    const dumped = await dumpTree(session.client, { path: 'src/ledger.ts', language: 'tsx', max_nodes: 1 });
    expect(dumped.language).toBe('tsx');
  });
});
