// A slow stand-in named `shellcheck`, first on the server's PATH, records its own pid and its child's:
// the timeout (and a client's cancellation) must kill both, not only the process lint started.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, makeTempDir, writeTree } from './support/coder.js';
import { eventually, isAlive, type LintResult, reportOf, writeScript } from './support/lint.js';

const SLOW = `#!/bin/sh
echo $$ > "$LINT_TEST_PIDS/parent"
sleep 600 &
echo $! > "$LINT_TEST_PIDS/child"
wait
`;

function pids(dir: string): number[] {
  return ['parent', 'child'].map((name) => Number(readFileSync(path.join(dir, name), 'utf8').trim()));
}

describe('lint with a linter that never finishes', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let session: CoderSession;
  let pidDir: string;
  beforeAll(async () => {
    temp = await makeTempDir();
    const project = path.join(temp.dir, 'project');
    pidDir = path.join(temp.dir, 'pids');
    await mkdir(pidDir);
    await writeTree(project, { 'deploy.sh': '#!/bin/sh\necho "$1"\n' });
    await writeScript(path.join(temp.dir, 'slow-bin', 'shellcheck'), SLOW);
    session = await connectCoder(project, {
      PATH: `${path.join(temp.dir, 'slow-bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      LINT_TEST_PIDS: pidDir,
    });
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('reports timed_out and kills the whole process tree', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', {
      linters: ['shellcheck'],
      timeout_s: 1,
    });
    const report = reportOf(result, 'shellcheck');
    expect(report.status).toBe('timed_out');
    expect(report.message).toContain('Stopped after 1 s');
    expect(result.clean).toBe(false);
    expect(result._text).toContain('shellcheck: TIMED OUT');
    const [parent, child] = pids(pidDir);
    await eventually(
      () => !isAlive(parent as number) && !isAlive(child as number),
      'the slow linter to be killed',
    );
  });

  it('kills the linter when the client cancels the call', async () => {
    for (const name of ['parent', 'child']) await rm(path.join(pidDir, name), { force: true });
    const controller = new AbortController();
    const call = session.client.callTool(
      { name: 'lint', arguments: { linters: ['shellcheck'], timeout_s: 120 } },
      undefined,
      { signal: controller.signal },
    );
    call.catch(() => {});
    await eventually(() => existsSync(path.join(pidDir, 'child')), 'the slow linter to start');
    const [parent, child] = pids(pidDir);
    controller.abort();
    await expect(call).rejects.toThrow();
    await eventually(
      () => !isAlive(parent as number) && !isAlive(child as number),
      'the cancelled linter to be killed',
    );
    // The server keeps serving.
    const after = await callOk<LintResult>(session.client, 'lint', { linters: ['nixfmt'] });
    expect(reportOf(after, 'nixfmt').status).toBe('no_files');
  });
});
