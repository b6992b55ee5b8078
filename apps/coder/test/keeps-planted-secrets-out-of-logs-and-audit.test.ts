// Secrets planted in arguments, in files the tools read and return, in the config and in the server's
// environment appear in no line of the server's stderr (at debug level) and no line of its audit.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type CoderSession, connectCoder, makeTempDir, textOf } from './support/coder.js';
import { fakeGenericKey, fakeGithubToken, revealedPiece } from './support/fake-secrets.js';

interface AuditLine {
  tool: string;
  outcome: string;
  args?: Record<string, unknown>;
  error?: { type: string; message: string };
  files_changed?: string[];
}

describe('planted secrets', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let session: CoderSession | undefined;
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await temp.remove();
  });

  it('are masked in every log line and every audit line', async () => {
    const github = fakeGithubToken();
    const envToken = fakeGenericKey(28);
    const internal = `acme-${fakeGenericKey(10).toLowerCase()}`;
    // The internal id's random part is its secret; `acme-` is in the config for anyone to read.
    const planted = { github, envToken, internal: internal.slice('acme-'.length) };
    await mkdir(path.join(temp.dir, 'src'), { recursive: true });
    await mkdir(path.join(temp.dir, '.tandem'), { recursive: true });
    await writeFile(
      path.join(temp.dir, 'src', 'config.ts'),
      `export const token = "${github}";\nexport const other = "${envToken}";\nexport const id = "${internal}";\n`,
    );
    // An unknown top-level key is logged as a warning, quoting the key: one log line per secret.
    await writeFile(
      path.join(temp.dir, '.tandem', 'config.yaml'),
      [
        "redaction:\n  patterns: ['acme-[a-z0-9]{10}']",
        `${github}: 1`,
        `${envToken}: 2`,
        `${internal}: 3`,
        '',
      ].join('\n'),
    );
    session = await connectCoder(temp.dir, { TANDEM_TEST_TOKEN: envToken, TANDEM_LOG_LEVEL: 'debug' });
    const client = session.client;
    const call = (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

    // In arguments, and in the outputs the caller gets back (its own workspace: not masked for it).
    const found = await call('ast_search', { pattern: `const token = "${github}"`, language: 'typescript' });
    expect(textOf(found)).toContain(github);
    await call('ast_search', { pattern: `"${envToken}"`, language: 'typescript' });
    await call('scan_secrets', { paths: ['src'] });
    await call('validate_syntax', { code: `const k = "${internal}" + "${github}";`, language: 'typescript' });
    // In error messages.
    const failed = await call('dump_syntax_tree', { code: 'let a = 1', language: `lang_${envToken}` });
    expect(failed.isError).toBe(true);
    // The server's own secret is masked even in the error its caller gets.
    expect(textOf(failed)).not.toContain(envToken);
    await call(`no_such_tool_${github}`, {});
    // A write: the audit lists the file changed.
    const dry = await call('ast_rewrite', {
      pattern: `const token = "${github}"`,
      rewrite: 'const token = process.env.TOKEN',
      language: 'typescript',
    });
    const ids = (dry.structuredContent as { files: Array<{ file_id: string }> }).files.map(
      (file) => file.file_id,
    );
    const applied = await call('ast_rewrite', {
      pattern: `const token = "${github}"`,
      rewrite: 'const token = process.env.TOKEN',
      language: 'typescript',
      apply: true,
      change_ids: ids,
    });
    expect(applied.isError).toBeFalsy();

    const auditFile = path.join(temp.dir, '.tandem', 'audit', 'audit.jsonl');
    const stderr = () => session?.stderr() ?? '';
    const warnings = () => stderr().match(/warn .*unknown section "(\S{4})?\*\*\*\*" ignored/g) ?? [];
    await vi.waitFor(() => expect(warnings()).toHaveLength(3), { timeout: 10_000 });
    await session.close();
    session = undefined;
    const audit = await vi.waitFor(
      async () => {
        expect(existsSync(auditFile)).toBe(true);
        const lines = (await readFile(auditFile, 'utf8')).trimEnd().split('\n');
        expect(lines).toHaveLength(8);
        return lines;
      },
      { timeout: 10_000 },
    );

    const logLines = stderr().trimEnd().split('\n');
    for (const [name, secret] of Object.entries(planted)) {
      for (const line of [...logLines, ...audit]) {
        expect(revealedPiece(line, secret), `${name} in: ${line.slice(0, 200)}`).toBeUndefined();
      }
    }

    const records = audit.map((line) => JSON.parse(line) as AuditLine);
    expect(records.map((record) => `${record.tool} ${record.outcome}`)).toEqual([
      'ast_search ok',
      'ast_search ok',
      'scan_secrets ok',
      'validate_syntax ok',
      'dump_syntax_tree error',
      'no_such_tool_ghp_**** error',
      'ast_rewrite ok',
      'ast_rewrite ok',
    ]);
    expect(records[0]?.args).toEqual({ pattern: 'const token = "ghp_****"', language: 'typescript' });
    expect(records[1]?.args).toEqual({ pattern: `"${envToken.slice(0, 4)}****"`, language: 'typescript' });
    expect(records[3]?.args?.code).toBe('const k = "****" + "ghp_****";');
    expect(records[4]?.error).toEqual({
      type: 'ToolError',
      message: expect.stringMatching(/^Unknown language "lang_\S{4}\*\*\*\*"\./),
    });
    expect(records[6]?.files_changed).toBeUndefined();
    expect(records[7]?.files_changed).toEqual(['src/config.ts']);
  });
});
