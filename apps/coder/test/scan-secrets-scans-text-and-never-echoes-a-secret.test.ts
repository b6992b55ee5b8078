import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoderSession,
  callError,
  callOk,
  connectCoder,
  makeTempDir,
  writeTree,
} from './support/coder.js';
import { fakeGenericKey, fakeGithubToken, revealedPiece } from './support/fake-secrets.js';

interface Result {
  outcome: string;
  source: string;
  findings: Array<{
    file: string;
    line: number;
    column: number;
    kind: string;
    masked: string;
    message: string;
  }>;
  files_scanned: number;
}

describe('scan_secrets over text, and its refusals', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let outside: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    outside = await makeTempDir();
    await writeTree(outside.dir, { 'creds.txt': `token = "${fakeGithubToken()}"\n` });
    await writeTree(temp.dir, { 'a.txt': 'nothing here\n' });
    await symlink(path.join(outside.dir, 'creds.txt'), path.join(temp.dir, 'link.txt'));
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
    await outside.remove();
  });

  it('scans text, reported as "<text>", with masked values only', async () => {
    const token = fakeGithubToken();
    const key = fakeGenericKey();
    const text = `first line\nauth: ${token}\napi_key = '${key}'\napi_key = '\${API_KEY}'\n`;
    const response = await session.client.callTool({ name: 'scan_secrets', arguments: { text } });
    expect(response.isError).toBeFalsy();
    const result = response.structuredContent as unknown as Result;
    expect(result.source).toBe('text');
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.kind, f.masked])).toEqual([
      ['<text>', 2, 7, 'GITHUB_TOKEN', `${token.slice(0, 4)}****`],
      ['<text>', 3, 12, 'HighEntropyAssignment', `${key.slice(0, 4)}****`],
    ]);
    const everything = JSON.stringify(response);
    for (const secret of [token, key]) expect(revealedPiece(everything, secret)).toBeUndefined();
  });

  it('reports no findings for clean text', async () => {
    const result = await callOk<Result>(session.client, 'scan_secrets', { text: 'const x = 1;\n' });
    expect(result.outcome).toBe('no_findings');
    expect(result.files_scanned).toBe(1);
  });

  it('refuses two sources at once without echoing the text', async () => {
    const token = fakeGithubToken();
    const error = await callError(session.client, 'scan_secrets', { text: `t = "${token}"`, paths: ['.'] });
    expect(error).toMatch(/at most one of `paths`, `diff` or `text`/);
    expect(revealedPiece(error, token)).toBeUndefined();
  });

  it('refuses file-selection flags with text', async () => {
    expect(await callError(session.client, 'scan_secrets', { text: 'x', include_ignored: true })).toMatch(
      /apply to `paths` only/,
    );
  });

  it('refuses paths outside the root: .., absolute, and a symlink that leaves it', async () => {
    expect(await callError(session.client, 'scan_secrets', { paths: ['../'] })).toMatch(/outside|\.\./i);
    expect(await callError(session.client, 'scan_secrets', { paths: [outside.dir] })).toMatch(/outside/i);
    expect(await callError(session.client, 'scan_secrets', { paths: ['link.txt'] })).toMatch(
      /outside the workspace root/i,
    );
    expect(await callError(session.client, 'scan_secrets', { globs: ['../**'] })).toMatch(/outside/i);
  });
});
