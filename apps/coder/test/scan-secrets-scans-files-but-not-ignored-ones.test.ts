import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { fakeGenericKey, fakeGithubToken, revealedPiece } from './support/fake-secrets.js';

interface Finding {
  rule: string;
  kind: string;
  file: string;
  line: number;
  column: number;
  masked: string;
  severity: string;
}

interface Result {
  outcome: string;
  source: string;
  findings: Finding[];
  total_findings: number;
  truncated: boolean;
  by_rule: Record<string, number>;
  files_scanned: number;
  files_skipped: Record<string, number>;
  hints: string[];
}

describe('scan_secrets over files', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const tracked = fakeGithubToken();
  const ignored = fakeGithubToken();
  const dotenv = fakeGenericKey();
  const binary = fakeGithubToken();

  beforeAll(async () => {
    temp = await makeTempDir();
    const many: Record<string, string> = {};
    for (let i = 0; i < 150; i += 1)
      many[`many/file-${String(i).padStart(3, '0')}.txt`] = `token = "${fakeGithubToken()}"\n`;
    await writeTree(temp.dir, {
      '.gitignore': 'local/\n',
      'src/config.ts': `export const config = {\n  name: 'demo',\n  token: '${tracked}',\n};\n`,
      'src/clean.ts': "export const apiKey = process.env.API_KEY ?? '';\n",
      'local/creds.txt': `token = ${ignored}\n`,
      '.env': `PORT=8080\nSECRET=${dotenv}\n`,
      'bin/blob.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`token = "${binary}"`)]),
      'bin/latin1.txt': Buffer.from('token = "caf\xe9"', 'latin1'),
      'big/huge.txt': `${'x = 1\n'.repeat(400_000)}`,
      ...many,
    });
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  const scan = (args: Record<string, unknown>) => callOk<Result>(session.client, 'scan_secrets', args);

  it('finds a secret in a tracked file and in a committed dot-file, not in a gitignored file', async () => {
    const result = await scan({ paths: ['src', 'local', '.env'] });
    expect(result.outcome).toBe('findings');
    expect(result.findings.map((f) => [f.file, f.line, f.column, f.kind])).toEqual([
      ['.env', 2, 8, 'HighEntropyAssignment'],
      ['src/config.ts', 3, 11, 'GITHUB_TOKEN'],
    ]);
    expect(result.findings[1]).toMatchObject({
      rule: '@secretlint/secretlint-rule-github',
      masked: `${tracked.slice(0, 4)}****`,
      severity: 'error',
    });
    expect(result.hints.join('\n')).toMatch(/1 file\(s\) ignored by \.gitignore.*include_ignored: true/);
    expect(result._text).toContain(`src/config.ts:3:11 GITHUB_TOKEN ${tracked.slice(0, 4)}****`);
  });

  it('scans the ignored file when asked', async () => {
    const result = await scan({ paths: ['local'], include_ignored: true });
    expect(result.findings.map((f) => f.file)).toEqual(['local/creds.txt']);
  });

  it('never returns a full secret, in structured content or text', async () => {
    const result = await scan({ include_ignored: true, limit: 1000 });
    const shown = JSON.stringify(result);
    for (const secret of [tracked, ignored, dotenv]) expect(revealedPiece(shown, secret)).toBeUndefined();
  });

  it('skips binary, non-UTF-8 and oversized files and counts them', async () => {
    const result = await scan({ paths: ['bin', 'big'] });
    expect(result.outcome).toBe('nothing_scanned');
    expect(result.files_scanned).toBe(0);
    expect(result.hints.join('\n')).toMatch(/All 3 file\(s\) were skipped/);
    expect(result.files_skipped).toMatchObject({ binary: 1, non_utf8: 1, too_large: 1 });
    expect(result._text).toMatch(/3 file\(s\) skipped/);
  });

  it('bounds the findings by limit and keeps the totals, reporting progress over many files', async () => {
    const received: Progress[] = [];
    const response = await session.client.callTool(
      { name: 'scan_secrets', arguments: { paths: ['many'], limit: 10 } },
      undefined,
      { onprogress: (progress) => received.push(progress) },
    );
    const result = response.structuredContent as unknown as Result;
    expect(result.findings).toHaveLength(10);
    expect(result.total_findings).toBe(150);
    expect(result.truncated).toBe(true);
    expect(result.by_rule).toEqual({ '@secretlint/secretlint-rule-github': 150 });
    expect(result.findings[0]?.file).toBe('many/file-000.txt');
    expect(received.length).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ total: 150 });
  });

  it('says when nothing was scanned', async () => {
    const result = await scan({ paths: ['src'], globs: ['*.py'] });
    expect(result.outcome).toBe('nothing_scanned');
    expect(result.hints.join('\n')).toMatch(/globs matched no file/);
  });
});
