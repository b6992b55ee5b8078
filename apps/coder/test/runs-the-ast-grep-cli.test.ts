// The reference binary is usable right after `pnpm install --frozen-lockfile` (no build script).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AST_GREP_BIN, runAstGrep } from './support/ast-grep-cli.js';

describe('the ast-grep CLI helper', () => {
  it('runs the pinned 0.51 binary', async () => {
    expect(path.isAbsolute(AST_GREP_BIN)).toBe(true);
    const { stdout } = await runAstGrep(['--version']);
    expect(stdout).toMatch(/^ast-grep 0\.51\./);
  });

  it('reports a search with no match as exit code 1, not as a failure', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-sg-cli-'));
    try {
      await writeFile(path.join(dir, 'a.ts'), 'foo(1);\n');
      const none = await runAstGrep(['run', '-p', 'bar($A)', '-l', 'ts', '--json=compact', 'a.ts'], {
        cwd: dir,
      });
      expect(none.exitCode).toBe(1);
      expect(JSON.parse(none.stdout)).toEqual([]);
      const some = await runAstGrep(['run', '-p', 'foo($A)', '-l', 'ts', '--json=compact', 'a.ts'], {
        cwd: dir,
      });
      expect(some.exitCode).toBe(0);
      expect(JSON.parse(some.stdout)).toHaveLength(1);
      await expect(
        runAstGrep(['run', '-p', 'x', '-l', 'no-such-language', 'a.ts'], { cwd: dir }),
      ).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});
