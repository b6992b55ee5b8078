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

interface Result {
  outcome: string;
  matches: Array<{ file: string }>;
  files_skipped: Record<string, number>;
  hints: string[];
}

describe('ast_search file selection', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let outside: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    outside = await makeTempDir();
    await writeTree(outside.dir, { 'secret.js': 'target(1);' });
    await writeTree(temp.dir, {
      '.gitignore': 'dist/\n*.gen.js\n',
      'src/a.js': 'target(1);',
      'src/b.gen.js': 'target(2);',
      'src/.hidden.js': 'target(3);',
      'src/sub/.gitignore': 'local.js\n!keep.gen.js\n',
      'src/sub/local.js': 'target(4);',
      'src/sub/keep.gen.js': 'target(5);',
      'dist/out.js': 'target(6);',
      '.config/tool.js': 'target(7);',
      'bin/data.js': Buffer.from([0x74, 0x61, 0x72, 0x00, 0x67, 0x65, 0x74]),
      'bin/latin1.js': Buffer.from('target("\xe9");', 'latin1'),
      'big/huge.js': `${'target(0);\n'.repeat(250_000)}`,
    });
    await symlink(path.join(outside.dir, 'secret.js'), path.join(temp.dir, 'src', 'link.js'));
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
    await outside.remove();
  });

  const files = async (args: Record<string, unknown>) =>
    (
      await callOk<Result>(session.client, 'ast_search', { pattern: 'target($N)', limit: 500, ...args })
    ).matches
      .map((m) => m.file)
      .filter((f, i, all) => all.indexOf(f) === i)
      .sort();

  it('respects .gitignore files at every level, with negation, and skips hidden files', async () => {
    expect(await files({ paths: ['src', 'dist'] })).toEqual(['src/a.js', 'src/sub/keep.gen.js']);
  });

  it('searches ignored and hidden files only on request', async () => {
    const all = await files({
      paths: ['src', 'dist', '.config'],
      include_ignored: true,
      include_hidden: true,
    });
    expect(all).toEqual([
      '.config/tool.js',
      'dist/out.js',
      'src/.hidden.js',
      'src/a.js',
      'src/b.gen.js',
      'src/sub/keep.gen.js',
      'src/sub/local.js',
    ]);
  });

  it('does not follow a symlink out of the root while walking, and refuses it as a path', async () => {
    expect(await files({ paths: ['src'] })).not.toContain('src/link.js');
    expect(await callError(session.client, 'ast_search', { pattern: 'x', paths: ['src/link.js'] })).toMatch(
      /outside the workspace root/i,
    );
  });

  it('refuses paths and globs outside the root', async () => {
    expect(await callError(session.client, 'ast_search', { pattern: 'x', paths: ['../'] })).toMatch(
      /outside|\.\./i,
    );
    expect(await callError(session.client, 'ast_search', { pattern: 'x', paths: [outside.dir] })).toMatch(
      /outside/i,
    );
    expect(await callError(session.client, 'ast_search', { pattern: 'x', globs: ['../**/*.js'] })).toMatch(
      /outside the workspace root/,
    );
  });

  it('skips binary, non-UTF-8 and oversized files and counts them', async () => {
    const result = await callOk<Result>(session.client, 'ast_search', {
      pattern: 'target($N)',
      paths: ['bin', 'big'],
    });
    expect(result.outcome).toBe('no_matches');
    expect(result.files_skipped).toMatchObject({ binary: 1, non_utf8: 1, too_large: 1 });
    expect(result._text).toMatch(/3 file\(s\) skipped/);
  });

  it('filters by globs, with exclusions', async () => {
    expect(await files({ globs: ['src/**/*.js', '!**/keep*'] })).toEqual(['src/a.js']);
    expect(await files({ globs: ['*.gen.js'] })).toEqual(['src/sub/keep.gen.js']);
  });
});
