// docs/reference/tools.md is generated from the tools/list of both built servers; this regenerates it
// (on stdout, nothing written) and fails while the committed page differs from what clients see.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const generator = fileURLToPath(new URL('../../../scripts/gen-tool-reference.mjs', import.meta.url));
const committed = fileURLToPath(new URL('../../../docs/reference/tools.md', import.meta.url));

describe('the generated tool reference', () => {
  it('is what both servers list now', { timeout: 60_000 }, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [generator, '--stdout'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const current = readFileSync(committed, 'utf8');
    if (stdout !== current) {
      const expected = stdout.split('\n');
      const actual = current.split('\n');
      const line = expected.findIndex((text, index) => text !== actual[index]);
      expect.fail(
        `docs/reference/tools.md is out of date (first difference at line ${line + 1}: ` +
          `committed ${JSON.stringify(actual[line])}, servers say ${JSON.stringify(expected[line])}). ` +
          'Run `npm run docs` and commit the result.',
      );
    }
    expect(stdout).toContain('### `commit`');
    expect(stdout).toContain('### `scan_secrets`');
  });
});
