// Line endings and BOMs through the whole path: read → render → apply → atomic write. Where we
// differ from the CLI on purpose (CRLF files stay CRLF), the comparison says so.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource, writeSourceAtomic } from '../src/engine/source-file.js';
import { cliRewrite, engineRewrite, type RewriteCase } from './support/differential-rewrite.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-eol-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** Reads `bytes` from a file, rewrites it with our engine and writes it back; returns the bytes. */
async function rewriteFile(
  name: string,
  bytes: Buffer,
  testCase: Omit<RewriteCase, 'source'>,
): Promise<Buffer> {
  const file = path.join(dir, name);
  await writeFile(file, bytes);
  const read = await readSource(file);
  if (!read.ok) throw new Error(read.message);
  const result = engineRewrite({ ...testCase, source: read.file.text }, { eol: read.file.eol });
  expect(result.edits.length).toBeGreaterThan(0);
  await writeSourceAtomic(file, result.text, { bom: read.file.bom });
  return readFile(file);
}

describe('CRLF files', () => {
  const source = 'class A {\r\n    m() {\r\n        foo(a,\r\n            b);\r\n    }\r\n}\r\n';
  const rewrite = { lang: 'typescript', ext: 'ts', pattern: 'foo($$$A)' };

  it('stay CRLF: the same bytes as the CLI given the template with CRLF line breaks', async () => {
    const ours = await rewriteFile('crlf.ts', Buffer.from(source), {
      ...rewrite,
      rewrite: 'bar(\n  $$$A\n)',
    });
    // The CLI inserts a template's line breaks verbatim, so an LF template would leave mixed line
    // endings in a CRLF file (our intentional difference); written with CRLF it shows the target.
    const cli = await cliRewrite({ ...rewrite, source, rewrite: 'bar(\r\n  $$$A\r\n)' });
    expect(ours.toString('utf8')).toBe(cli);
    expect(ours.toString('utf8')).not.toMatch(/[^\r]\n/);
  });

  it('match the CLI exactly when the template line breaks are left as they are', async () => {
    const testCase = { ...rewrite, source, rewrite: 'bar(\n  $$$A\n)' };
    expect(engineRewrite(testCase).text).toBe(await cliRewrite(testCase));
  });
});

describe('files with a UTF-8 BOM', () => {
  it('keep the BOM and get the same bytes as the CLI', async () => {
    const text = 'foo(1);\nif (x) {\n  foo(2,\n    3);\n}\n';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    const testCase = { lang: 'typescript', ext: 'ts', pattern: 'foo($$$A)', rewrite: 'bar(\n  $$$A\n)' };
    const ours = await rewriteFile('bom.ts', bytes, testCase);
    // A string starting with U+FEFF is written as the same bytes, and read back with it.
    const cli = await cliRewrite({ ...testCase, source: `\uFEFF${text}` });
    expect(ours.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(ours.toString('utf8')).toBe(cli);
  });
});
