// `tandem demo` runs the checkout's scripts/demo.mjs with the terminal's streams and passes its exit
// status through; bad usage is refused before anything starts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tandem } from './support/tandem-cli.js';

describe('tandem demo', () => {
  it(
    'runs the demo on the sample repository and exits 0 when every step passed',
    { timeout: 240_000 },
    async () => {
      const result = await tandem(['demo']);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toMatch(/(\d+)\/\1 steps passed/);
    },
  );

  it('passes a failing demo exit status through', { timeout: 240_000 }, async () => {
    // An empty directory is a workspace the demo cannot use: some steps fail and it exits 1.
    const empty = await mkdtemp(path.join(os.tmpdir(), 'tandem-demo-empty-'));
    try {
      const result = await tandem(['demo', empty]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/\d+\/\d+ steps passed/);
    } finally {
      await rm(empty, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('refuses unknown flags and a workspace that is not a directory (exit 2)', async () => {
    const flag = await tandem(['demo', '--fast']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Usage: tandem demo [workspace]');
    const missing = await tandem(['demo', '/no/such/workspace']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/no/such/workspace is not a directory');
  });
});
