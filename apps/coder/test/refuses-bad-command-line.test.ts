import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODER_MAIN, makeTempDir } from './support/coder.js';

function run(...args: string[]) {
  return spawnSync(process.execPath, [CODER_MAIN, ...args], { encoding: 'utf8', timeout: 10_000, input: '' });
}

describe('command line', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('exits 2 with a message on stderr when --root does not exist', () => {
    const missing = path.join(temp.dir, 'no-such-dir');
    const result = run('--root', missing);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `tandem-coder: --root ${missing} does not exist. Give an existing directory.`,
    );
    expect(result.stdout).toBe('');
  });

  it('exits 2 when --root is a file', async () => {
    const file = path.join(temp.dir, 'a-file.txt');
    await writeFile(file, 'not a directory\n');
    const result = run('--root', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`--root ${file} is not a directory.`);
  });

  it('exits 2 on an unknown flag and points at --help', () => {
    const result = run('--frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^tandem-coder: Unknown option '--frobnicate'/);
    expect(result.stderr).toContain('Run tandem-coder --help for usage.');
    expect(result.stdout).toBe('');
  });

  it('exits 2 on a stray positional argument', () => {
    const result = run(temp.dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^tandem-coder: /);
  });

  it('prints usage with --help and exits 0, keeping stdout empty', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/Usage: tandem-coder \[--root <dir>\]/);
    expect(result.stdout).toBe('');
  });
});
