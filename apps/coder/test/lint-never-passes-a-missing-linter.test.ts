import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { type LintResult, nodeOnlyPath, reportOf } from './support/lint.js';

describe('lint when the linters are not installed', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let project: string;
  let session: CoderSession;
  beforeAll(async () => {
    temp = await makeTempDir();
    project = `${temp.dir}/project`;
    await writeTree(project, {
      'deploy.sh': '#!/bin/sh\necho "$1"\n',
      'flake.nix': '{ outputs = _: { }; }\n',
      'tool.py': 'print("hi")\n',
      'tsconfig.json': '{"include": ["src"]}',
      'src/a.ts': 'export const a = 1;\n',
    });
    // A PATH with Node and nothing else: no shellcheck, ruff, nixfmt or tsc anywhere.
    session = await connectCoder(project, { PATH: await nodeOnlyPath(temp.dir) });
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('reports each missing linter as not_installed with how to install it', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {});
    for (const linter of ['shellcheck', 'nixfmt', 'ruff', 'tsc']) {
      const report = reportOf(result, linter);
      expect(report.status, linter).toBe('not_installed');
      expect(report.unchecked_files, linter).toBe(1);
      expect(report.install_hint, linter).toBeTruthy();
    }
    expect(reportOf(result, 'tsc').install_hint).toContain('typescript');
    expect(reportOf(result, 'nixfmt').install_hint).toContain('nixfmt');
  });

  it('never calls that a clean pass, in the structured result or the text', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', { paths: ['deploy.sh'] });
    expect(result.total_diagnostics).toBe(0);
    expect(result.clean).toBe(false);
    expect(result._text).toMatch(/^NOT a clean pass: shellcheck not installed/);
    expect(result._text).toContain('shellcheck: NOT INSTALLED');
  });
});
