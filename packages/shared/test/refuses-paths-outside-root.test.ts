import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ToolError } from '../src/seam/tool-error.js';
import { resolveInRoot } from '../src/workspace/resolve-in-root.js';
import { makeWorkspace, type Workspace } from './support/workspace.js';

/** The ToolError resolveInRoot throws for `input`; fails the test when it does not throw one. */
function refusal(root: string, input: string, argument?: string): ToolError {
  try {
    const resolved = resolveInRoot(root, input, argument);
    throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${JSON.stringify(resolved)}`);
  } catch (error) {
    expect(error).toBeInstanceOf(ToolError);
    return error as ToolError;
  }
}

describe('resolveInRoot refuses paths that leave the root', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
  });
  afterAll(async () => {
    await ws.remove();
  });

  it.each([
    '..',
    '../outside/secret.txt',
    'src/../../outside/secret.txt',
    '../root-alias/src/a.ts',
  ])('refuses the .. escape %s', (input) => {
    const error = refusal(ws.root, input);
    expect(error.message).toBe(`path "${input}" is outside the workspace root.`);
    expect(error.hint).toMatch(/--root/);
  });

  it('refuses an absolute path outside the root', () => {
    const secret = path.join(ws.outside, 'secret.txt');
    expect(refusal(ws.root, secret).message).toMatch(/is outside the workspace root/);
    expect(refusal(ws.root, '/etc/passwd').message).toMatch(/"\/etc\/passwd" is outside the workspace root/);
  });

  it('refuses a sibling directory whose name starts with the root name', () => {
    // <base>/root-sibling starts with <base>/root as a string; it must still count as outside.
    expect(refusal(ws.root, path.join(ws.base, 'root-sibling', 'src', 'a.ts')).message).toMatch(/outside/);
  });

  it('refuses a dangling symlink whose missing target is outside, and paths under it', () => {
    expect(refusal(ws.root, 'dangling-outside').message).toMatch(/through a symbolic link/);
    expect(refusal(ws.root, 'dangling-outside/more/file.txt').message).toMatch(/through a symbolic link/);
  });

  it('refuses a symlink inside the root that points to a file outside', () => {
    const error = refusal(ws.root, 'link-to-outside-file');
    expect(error.message).toBe(
      'path "link-to-outside-file" leads outside the workspace root through a symbolic link.',
    );
  });

  it('refuses a symlink inside the root that points to a directory outside, and files under it', () => {
    expect(refusal(ws.root, 'link-to-outside-dir').message).toMatch(/through a symbolic link/);
    expect(refusal(ws.root, 'link-to-outside-dir/secret.txt').message).toMatch(/through a symbolic link/);
  });

  it('refuses a path through a symlinked directory that leaves the root even when the file does not exist', () => {
    expect(refusal(ws.root, 'link-to-outside-dir/new-file.txt').message).toMatch(/through a symbolic link/);
    expect(refusal(ws.root, 'link-to-outside-dir/new/deeper/file.txt').message).toMatch(
      /through a symbolic link/,
    );
  });

  it('refuses a NUL byte', () => {
    expect(refusal(ws.root, 'src/a.ts\0.png').message).toBe('path contains a NUL byte.');
  });

  it('refuses an empty string', () => {
    const error = refusal(ws.root, '');
    expect(error.message).toBe('path is empty.');
    expect(error.hint).toMatch(/relative to the workspace root/);
  });

  it('names the argument in every message', () => {
    expect(refusal(ws.root, '', 'target').message).toMatch(/^target /);
    expect(refusal(ws.root, 'a\0b', 'target').message).toMatch(/^target /);
    expect(refusal(ws.root, '../x', 'target').message).toMatch(/^target "\.\.\/x"/);
    expect(refusal(ws.root, 'link-to-outside-file', 'source_path').message).toMatch(
      /^source_path "link-to-outside-file"/,
    );
  });
});
