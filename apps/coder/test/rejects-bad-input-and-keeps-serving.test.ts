import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, makeTempDir, SAMPLE_REPO, textOf } from './support/coder.js';

/** Calls dump_syntax_tree expecting isError, then proves the server still answers a good call. */
async function refused(session: CoderSession, args: Record<string, unknown>): Promise<string> {
  const result = await session.client.callTool({ name: 'dump_syntax_tree', arguments: args });
  expect(result.isError, JSON.stringify(args)).toBe(true);
  expect(result.structuredContent).toBeUndefined();
  const after = await session.client.callTool({
    name: 'dump_syntax_tree',
    arguments: { code: 'x = 1', language: 'py' },
  });
  expect(after.isError, 'the call after the refusal').toBeFalsy();
  return textOf(result);
}

describe('bad input on the sample repo', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('refuses both code and path', async () => {
    expect(await refused(session, { code: 'x = 1', path: 'scripts/report.py' })).toMatch(
      /^Give exactly one of `code` or `path`\./,
    );
  });

  it('refuses neither code nor path', async () => {
    expect(await refused(session, { language: 'python' })).toMatch(/^Give exactly one of `code` or `path`\./);
  });

  it('refuses code without a language', async () => {
    expect(await refused(session, { code: 'x = 1' })).toBe(
      '`language` is required with `code`. See list_languages for the names.',
    );
  });

  it('refuses an unknown language and lists the known ones', async () => {
    expect(await refused(session, { code: 'x', language: 'cobol' })).toMatch(
      /^Unknown language "cobol"\. Known languages: javascript, typescript, tsx, html, css, bash, c, .*, python, .*, yaml, nix\.$/,
    );
  });

  it.each([
    '../x',
    '../../package.json',
    'src/../../README.md',
  ])('refuses the path %s that climbs out of the root', async (p) => {
    expect(await refused(session, { path: p })).toMatch(
      new RegExp(`^path "${p.replaceAll('.', '\\.')}" is outside the workspace root\\.`),
    );
  });

  it('refuses an absolute path outside the root', async () => {
    expect(await refused(session, { path: '/etc/passwd' })).toMatch(
      /^path "\/etc\/passwd" is outside the workspace root\./,
    );
  });

  it('refuses a missing file', async () => {
    expect(await refused(session, { path: 'src/nope.ts' })).toBe(
      'No file at "src/nope.ts". Give a path relative to the workspace root.',
    );
  });

  it('refuses a directory', async () => {
    expect(await refused(session, { path: 'src' })).toBe('"src" is not a file.');
  });

  it('refuses a file with no known extension when no language is given', async () => {
    expect(await refused(session, { path: 'justfile' })).toBe(
      'No language is known for "justfile". Pass `language` (see list_languages).',
    );
  });

  it('refuses arguments that do not match the schema, naming the field', async () => {
    expect(await refused(session, { code: 'x', language: 'python', format: 'xml' })).toMatch(
      /^Invalid arguments for dump_syntax_tree: format: /,
    );
    expect(await refused(session, { path: 42 })).toMatch(/^Invalid arguments for dump_syntax_tree: path: /);
  });

  it('still answers list_languages after all of that', async () => {
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    expect(result.isError).toBeFalsy();
  });
});

describe('bad input in a temp root with links and odd files', () => {
  let session: CoderSession;
  let temp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir();
    const root = path.join(temp.dir, 'root');
    const outside = path.join(temp.dir, 'outside');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.py'), 'TOKEN = "outside"\n');
    await writeFile(path.join(root, 'inside.py'), 'x = 1\n');
    await writeFile(path.join(root, 'notes.xyz'), 'x = 1\n');
    await symlink(path.join(outside, 'secret.py'), path.join(root, 'leak.py'));
    await symlink(outside, path.join(root, 'leak-dir'));
    await symlink(path.join(root, 'inside.py'), path.join(root, 'alias.py'));
    session = await connectCoder(root);
  });
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('refuses a symlink that points to a file outside the root', async () => {
    expect(await refused(session, { path: 'leak.py' })).toMatch(
      /^path "leak\.py" leads outside the workspace root through a symbolic link\./,
    );
  });

  it('refuses a file under a symlinked directory outside the root', async () => {
    expect(await refused(session, { path: 'leak-dir/secret.py' })).toMatch(/through a symbolic link/);
  });

  it('follows a symlink that stays inside the root', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { path: 'alias.py' },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ language: 'python', has_errors: false });
  });

  it('refuses a file with an unknown extension and no language, and parses it with one', async () => {
    expect(await refused(session, { path: 'notes.xyz' })).toMatch(/^No language is known for "notes\.xyz"\./);
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { path: 'notes.xyz', language: 'python' },
    });
    expect(result.isError).toBeFalsy();
  });
});
