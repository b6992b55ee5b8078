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
import type { LintResult } from './support/lint.js';

describe('lint paths', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let session: CoderSession;
  beforeAll(async () => {
    temp = await makeTempDir();
    const project = path.join(temp.dir, 'project');
    await writeTree(temp.dir, { 'outside/evil.sh': 'echo $1\n', 'project/ok.sh': 'echo "$1"\n' });
    await symlink(path.join(temp.dir, 'outside'), path.join(project, 'escape'));
    session = await connectCoder(project);
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it.each([
    ['a path that climbs out', '../outside'],
    ['an absolute path outside the root', path.join('/', 'etc')],
    ['a symbolic link that leaves the root', 'escape/evil.sh'],
  ])('refuses %s', async (_what, target) => {
    const text = await callError(session.client, 'lint', { paths: [target] });
    expect(text).toMatch(/outside the workspace root/);
  });

  it('does not follow a link out of the root while walking', async () => {
    const result = await callOk<LintResult>(session.client, 'lint', { linters: ['shellcheck'] });
    expect(result.files_in_scope).toBe(1);
  });

  it('says so when a path does not exist', async () => {
    const text = await callError(session.client, 'lint', { paths: ['missing.sh'] });
    expect(text).toContain('No file or directory at "missing.sh"');
  });
});
