// `tandem init` refuses what it cannot do safely, and leaves the directory as it was: a directory
// that is not in a git repository, an .mcp.json that is not JSON (with the error's line:column), a
// justfile just cannot parse, a read-only directory, unknown flags, a missing directory.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findJust } from '../src/tasks/just-binary.js';
import { tandem, tempGitRepo } from './support/tandem-cli.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) {
    await chmod(dir, 0o755).catch(() => {});
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
});
async function repo(): Promise<string> {
  const dir = await tempGitRepo();
  dirs.push(dir);
  return dir;
}

/**
 * How to run the bin without root's power to write anywhere: as root, under setpriv as nobody;
 * otherwise directly. Null when neither is possible.
 */
function unprivileged(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  try {
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
  } catch {
    return null;
  }
}
const asUser = unprivileged();

describe('tandem init refuses', () => {
  it('a directory that is not in a git repository (exit 2, says to git init)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-init-norepo-'));
    dirs.push(dir);
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not in a git repository');
    expect(result.stderr).toContain('git init');
    expect(await readdir(dir)).toEqual([]);
  });

  it('an .mcp.json that is not valid JSON, naming line and column, with its bytes untouched', async () => {
    const dir = await repo();
    const broken = Buffer.from('{\n  "mcpServers": {\n    "other": { "command": "x", }\n  }\n}\n');
    await writeFile(path.join(dir, '.mcp.json'), broken);
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    // The trailing comma: V8 stops at the "}" after it, line 3 column 32.
    expect(result.stderr).toContain('.mcp.json:3:32: not valid JSON (Expected double-quoted property name)');
    expect(result.stderr).toContain('Nothing was written.');
    expect((await readFile(path.join(dir, '.mcp.json'))).equals(broken)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['.git', '.mcp.json']);
  });

  it('a truncated .mcp.json, at its end', async () => {
    const dir = await repo();
    await writeFile(path.join(dir, '.mcp.json'), '{\n  "mcpServers": {');
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.mcp.json:2:18: not valid JSON');
  });

  it('a .cursor/mcp.json whose mcpServers is not an object', async () => {
    const dir = await repo();
    await mkdir(path.join(dir, '.cursor'));
    await writeFile(path.join(dir, '.cursor', 'mcp.json'), '{"mcpServers": []}\n');
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.cursor/mcp.json: "mcpServers" is not an object');
    expect((await readdir(dir)).sort()).toEqual(['.cursor', '.git']);
  });

  it.skipIf(!findJust())('a justfile just cannot parse, writing nothing', async () => {
    const dir = await repo();
    await writeFile(path.join(dir, 'justfile'), 'build:\n\techo a\n    echo mixed\n');
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('justfile: just cannot read it');
    expect((await readdir(dir)).sort()).toEqual(['.git', 'justfile']);
  });

  it.skipIf(asUser === null)(
    'a read-only directory, writing nothing (skipped as root without setpriv)',
    async () => {
      const dir = await repo();
      await chmod(dir, 0o555);
      const result = await tandem(['init', dir], { prefix: asUser ?? [] });
      expect(result.code, result.stdout).toBe(1);
      expect(result.stderr).toContain(`cannot write in ${dir} (permission denied). Nothing was written.`);
      expect(await readdir(dir)).toEqual(['.git']);
    },
  );

  it('unknown flags and extra arguments, with usage (exit 2)', async () => {
    const dir = await repo();
    const unknown = await tandem(['init', '--force', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--force'");
    expect(unknown.stderr).toContain('Usage: tandem init [dir] [--dry-run]');
    const two = await tandem(['init', dir, dir]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('one directory at most');
    expect(await readdir(dir)).toEqual(['.git']);
    const help = await tandem(['init', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Exit status');
  });

  it('a directory that does not exist', async () => {
    const dir = path.join(await repo(), 'missing');
    const result = await tandem(['init', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${dir} is not a directory (it does not exist)`);
  });
});
