import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callError, callOk, connectCoder, makeTempDir } from './support/coder.js';
import { fakeGenericKey, fakeGithubToken, revealedPiece } from './support/fake-secrets.js';

interface Result {
  outcome: string;
  source: string;
  findings: Array<{ file: string; line: number; column: number; kind: string; masked: string }>;
  total_findings: number;
  files_scanned: number;
  hints: string[];
}

describe('scan_secrets over a unified diff', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('reports a secret on an added line at its new-file line, and none on a removed line', async () => {
    const removed = fakeGithubToken();
    const added = fakeGithubToken();
    const key = fakeGenericKey();
    const diff = [
      'diff --git a/src/settings.py b/src/settings.py',
      'index 3b18e51..a9c3f2d 100644',
      '--- a/src/settings.py',
      '+++ b/src/settings.py',
      '@@ -10,4 +10,5 @@ import os',
      ' DEBUG = False',
      `-GITHUB_TOKEN = "${removed}"`,
      '+GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]',
      '+LEGACY = True',
      ' TIMEOUT = 30',
      ' RETRIES = 3',
      '@@ -40,2 +41,3 @@ def connect():',
      '     pass',
      `+    client = Client(token="${added}")`,
      ' # end',
      'diff --git a/.env.example b/.env.example',
      'new file mode 100644',
      'index 0000000..1111111',
      '--- /dev/null',
      '+++ b/.env.example',
      '@@ -0,0 +1,2 @@',
      '+API_KEY=changeme',
      `+SERVICE_SECRET=${key}`,
      '',
    ].join('\n');
    const result = await callOk<Result>(session.client, 'scan_secrets', { diff });
    expect(result.source).toBe('diff');
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.kind])).toEqual([
      ['src/settings.py', 42, 28, 'GITHUB_TOKEN'],
      ['.env.example', 2, 16, 'HighEntropyAssignment'],
    ]);
    expect(result.files_scanned).toBe(2);
    const shown = JSON.stringify(result);
    for (const secret of [removed, added, key]) expect(revealedPiece(shown, secret)).toBeUndefined();
  });

  it('finds nothing in a diff that only removes a secret', async () => {
    const diff = `--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,1 @@\n keep\n-token = "${fakeGithubToken()}"\n`;
    const result = await callOk<Result>(session.client, 'scan_secrets', { diff });
    expect(result.outcome).toBe('nothing_scanned');
    expect(result.hints.join('\n')).toMatch(/adds no lines/);
  });

  it('refuses text that is not a unified diff', async () => {
    expect(await callError(session.client, 'scan_secrets', { diff: 'just some words\n' })).toMatch(
      /no hunks/,
    );
    expect(
      await callError(session.client, 'scan_secrets', { diff: '--- a/x\n+++ b/x\n@@ -1,1 +1,3 @@\n+one\n' }),
    ).toMatch(/not a valid unified diff/);
  });
});
