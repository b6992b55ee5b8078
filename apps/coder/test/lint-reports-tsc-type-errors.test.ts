import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { type LintResult, linkProjectBin, REPO_TSC, reportOf } from './support/lint.js';

async function allFiles(dir: string, base = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      // node_modules holds the linked tsc; .tandem the server's own audit log.
      if (entry.name !== 'node_modules' && entry.name !== '.tandem') out.push(...(await allFiles(dir, rel)));
    } else out.push(rel);
  }
  return out.sort();
}

describe('lint with a TypeScript project', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let session: CoderSession;
  let before: string[];
  /** One whole-project run, shared by the tests that read it (tsc takes seconds). */
  let full: LintResult;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      // incremental: tsc --noEmit alone would write dist/tsconfig.tsbuildinfo.
      'tsconfig.json': JSON.stringify({
        compilerOptions: { strict: true, incremental: true, outDir: 'dist', types: [] },
        include: ['src'],
      }),
      'src/a.ts': "export const count: number = 'one';\n",
      'src/b.ts': 'export const name: string = 2;\n',
      // Outside the tsconfig's include: tsc never sees it.
      'scripts/tool.ts': 'export const unchecked: number = "x";\n',
    });
    await linkProjectBin(temp.dir, 'tsc', REPO_TSC);
    before = await allFiles(temp.dir);
    session = await connectCoder(temp.dir);
    full = await callOk<LintResult>(session.client, 'lint', { linters: ['tsc'] });
  }, 60_000);
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('reports each type error with its code and 1-based position', () => {
    const result = full;
    expect(reportOf(result, 'tsc')).toMatchObject({
      status: 'ran',
      binary: 'node_modules/.bin/tsc',
      configs: ['tsconfig.json'],
      diagnostics: 2,
    });
    expect(result.diagnostics).toContainEqual({
      file: 'src/a.ts',
      line: 1,
      column: 14,
      rule: 'TS2322',
      severity: 'error',
      message: "Type 'string' is not assignable to type 'number'.",
      linter: 'tsc',
      fix_available: false,
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'src/b.ts', line: 1, column: 14, rule: 'TS2322' }),
    );
  });

  it('says which files in scope its tsconfig.json leaves out', () => {
    const result = full;
    expect(result.diagnostics.map((d) => d.file)).not.toContain('scripts/tool.ts');
    expect(reportOf(result, 'tsc').message).toContain(
      '1 TypeScript file(s) in scope are not part of their tsconfig.json program',
    );
  });

  it('writes nothing into the project, not even a .tsbuildinfo', async () => {
    expect(full.linters[0]?.status).toBe('ran');
    expect(await allFiles(temp.dir)).toEqual(before);
  });

  it('keeps to the paths given and says what it left out', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {
      paths: ['src/a.ts'],
      linters: ['tsc'],
    });
    expect(result.diagnostics.map((d) => d.file)).toEqual(['src/a.ts']);
    expect(reportOf(result, 'tsc').message).toMatch(/1 tsc diagnostic\(s\) in files outside the scope/);
  });
});
