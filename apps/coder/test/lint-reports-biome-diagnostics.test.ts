import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { type LintResult, linkProjectBin, REPO_BIOME, reportOf } from './support/lint.js';

const APP = 'const value = 1;\nif (value == 2) {\n  debugger;\n}\n';

describe('lint with a project that configures Biome', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let session: CoderSession;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      'biome.json': JSON.stringify({ linter: { enabled: true, rules: { recommended: true } } }),
      '.gitignore': 'dist/\n',
      'src/app.js': APP,
      // Biome reports UTF-8 byte offsets: the column must count characters.
      'src/unicode.js': "export const s = '€€'; debugger;\n",
      'dist/bundle.js': 'debugger;\n',
    });
    await linkProjectBin(temp.dir, 'biome', REPO_BIOME);
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it("reports Biome's rule, position and fix with the project's own biome", async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {});
    const biome = reportOf(result, 'biome');
    expect(biome).toMatchObject({
      status: 'ran',
      files: 2,
      binary: 'node_modules/.bin/biome',
      configs: ['biome.json'],
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'src/app.js',
        line: 2,
        column: 11,
        end_line: 2,
        end_column: 13,
        rule: 'lint/suspicious/noDoubleEquals',
        severity: 'error',
        linter: 'biome',
        fix_available: true,
      }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'src/app.js', line: 3, column: 3, rule: 'lint/suspicious/noDebugger' }),
    );
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'src/unicode.js',
        line: 1,
        column: 24,
        rule: 'lint/suspicious/noDebugger',
      }),
    );
    expect(result.clean).toBe(false);
    expect(result._text).toContain('src/app.js:2:11 error lint/suspicious/noDoubleEquals');
  });

  it('leaves out files .gitignore excludes and never edits the files', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {});
    expect(result.diagnostics.map((d) => d.file)).not.toContain('dist/bundle.js');
    expect(await readFile(path.join(temp.dir, 'src/app.js'), 'utf8')).toBe(APP);
  });

  it('says ESLint is not configured rather than passing it', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {});
    expect(reportOf(result, 'eslint')).toMatchObject({ status: 'not_configured', diagnostics: 0 });
    expect(reportOf(result, 'ruff')).toMatchObject({ status: 'no_files' });
  });

  it('runs only the linters asked for, with the totals and limit applied', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', { linters: ['biome'], limit: 1 });
    expect(result.linters.map((r) => r.linter)).toEqual(['biome']);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.total_diagnostics).toBeGreaterThanOrEqual(3);
    expect(result.truncated).toBe(true);
    expect(result.by_severity.error).toBe(reportOf(result, 'biome').by_severity.error);
  });

  it('lints only the paths given', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {
      paths: ['src/unicode.js'],
      linters: ['biome'],
    });
    expect(new Set(result.diagnostics.map((d) => d.file))).toEqual(new Set(['src/unicode.js']));
  });
});
