import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalRoot, resolveInRoot } from '../src/workspace/resolve-in-root.js';
import { makeWorkspace, type Workspace } from './support/workspace.js';

describe('resolveInRoot accepts paths that stay inside the root', () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = await makeWorkspace();
  });
  afterAll(async () => {
    await ws.remove();
  });

  it('resolves a relative path to an absolute one and a forward-slash relative one', () => {
    expect(resolveInRoot(ws.root, 'src/a.ts')).toEqual({
      absolute: path.join(ws.root, 'src', 'a.ts'),
      relative: 'src/a.ts',
    });
  });

  it("gives '.' as the relative path of the root itself", () => {
    expect(resolveInRoot(ws.root, '.')).toEqual({ absolute: ws.root, relative: '.' });
    expect(resolveInRoot(ws.root, 'src/..')).toEqual({ absolute: ws.root, relative: '.' });
  });

  it('normalizes .. segments that stay inside the root', () => {
    expect(resolveInRoot(ws.root, 'src/../src/./a.ts').relative).toBe('src/a.ts');
  });

  it('accepts a path that does not exist yet', () => {
    expect(resolveInRoot(ws.root, 'src/new/deeper/file.ts')).toEqual({
      absolute: path.join(ws.root, 'src', 'new', 'deeper', 'file.ts'),
      relative: 'src/new/deeper/file.ts',
    });
  });

  it('accepts an absolute path inside the root', () => {
    const absolute = path.join(ws.root, 'src', 'a.ts');
    expect(resolveInRoot(ws.root, absolute)).toEqual({ absolute, relative: 'src/a.ts' });
  });

  it('follows a symlink to a file inside the root and reports where it leads', () => {
    expect(resolveInRoot(ws.root, 'link-to-inside-file')).toEqual({
      absolute: path.join(ws.root, 'src', 'a.ts'),
      relative: 'src/a.ts',
    });
  });

  it('follows a symlinked directory inside the root, for existing and new files', () => {
    expect(resolveInRoot(ws.root, 'link-to-inside-dir/a.ts').relative).toBe('src/a.ts');
    expect(resolveInRoot(ws.root, 'link-to-inside-dir/new.ts').relative).toBe('src/new.ts');
  });

  it('accepts a name that merely starts with two dots', () => {
    expect(resolveInRoot(ws.root, '..foo').relative).toBe('..foo');
    expect(resolveInRoot(ws.root, 'src/..bar/x.ts').relative).toBe('src/..bar/x.ts');
  });

  it('accepts an absolute path through a symlinked alias of the root', () => {
    const resolved = resolveInRoot(ws.root, path.join(ws.base, 'root-alias', 'src', 'a.ts'));
    expect(resolved).toEqual({ absolute: path.join(ws.root, 'src', 'a.ts'), relative: 'src/a.ts' });
  });

  it('accepts a dangling symlink whose missing target is inside the root', () => {
    expect(resolveInRoot(ws.root, 'dangling-inside').relative).toBe('src/missing.ts');
  });

  it('canonicalRoot resolves a symlinked root to its real directory', () => {
    expect(canonicalRoot(path.join(ws.base, 'root-alias'))).toBe(ws.root);
    expect(canonicalRoot(path.join(ws.root, 'src', '..'))).toBe(ws.root);
  });
});
