// ShellCheck and ruff are system tools, not npm packages: each case runs when the tool is on PATH
// and is skipped, saying so, when it is not (`apt-get install shellcheck`; `pip install ruff`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { type LintResult, onPath, reportOf, writeScript } from './support/lint.js';

const shellcheck = onPath('shellcheck');
const ruff = onPath('ruff');

describe('lint with shell scripts and Python', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let session: CoderSession;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      'deploy.sh': '#!/bin/sh\necho $1\n',
      'tool.py': 'import os\n',
    });
    // No extension: recognised by its shebang.
    await writeScript(`${temp.dir}/bin/run`, '#!/usr/bin/env bash\nrm -rf $TARGET/cache\n');
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it.skipIf(!shellcheck)(
    'reports ShellCheck findings such as SC2086 (skipped: shellcheck not on PATH)',
    async () => {
      const result = await callOk<LintResult>(session.client, 'lint', { linters: ['shellcheck'] });
      expect(reportOf(result, 'shellcheck')).toMatchObject({ status: 'ran', files: 2 });
      expect(result.diagnostics).toContainEqual({
        file: 'deploy.sh',
        line: 2,
        column: 6,
        end_line: 2,
        end_column: 8,
        rule: 'SC2086',
        severity: 'info',
        message: 'Double quote to prevent globbing and word splitting.',
        linter: 'shellcheck',
        fix_available: true,
      });
      expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'bin/run', rule: 'SC2086' }));
    },
  );

  it.skipIf(!ruff)('reports ruff findings such as F401 (skipped: ruff not on PATH)', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', { linters: ['ruff'] });
    expect(reportOf(result, 'ruff')).toMatchObject({ status: 'ran', files: 1 });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'tool.py', line: 1, column: 8, rule: 'F401', fix_available: true }),
    );
  });
});
