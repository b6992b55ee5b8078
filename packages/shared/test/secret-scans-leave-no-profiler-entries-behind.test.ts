// secretlint's profiler and Node's performance timeline kept every mark of every scan, so each scan
// searched all earlier ones: a server scanning on every call grew slower with each call. After the
// scans settle, nothing of theirs may be left behind, including when scans overlap.
import { secretLintProfiler } from '@secretlint/profiler';
import { describe, expect, it } from 'vitest';
import { findSecrets } from '../src/secrets/index.js';

const SECRETLINT_MARK = /^(?:secretlint>|@core>|@node>|@config-loader>)/;

async function settled(): Promise<void> {
  // The clean-up follows the profiler's observer, which runs in setImmediate callbacks.
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('secret scans', () => {
  it('leave no marks, measures or profiler entries behind, one at a time or overlapping', async () => {
    const text = 'token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"\n';
    for (let i = 0; i < 20; i++) await findSecrets(text, 'a.txt');
    await Promise.all(Array.from({ length: 10 }, () => findSecrets(text, 'b.txt')));
    await settled();
    const left = [...performance.getEntriesByType('mark'), ...performance.getEntriesByType('measure')].filter(
      (entry) => SECRETLINT_MARK.test(entry.name),
    );
    expect(left.map((entry) => entry.name)).toEqual([]);
    expect(await secretLintProfiler.getEntries()).toHaveLength(0);
    expect(await secretLintProfiler.getMeasures()).toHaveLength(0);
  });
});
