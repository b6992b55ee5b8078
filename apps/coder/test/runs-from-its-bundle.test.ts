// The built entry is a launcher for the esbuild bundle; what the bundle moves (its files' depth in the
// package, modules loaded on first use) must not change what the server says or can do.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODER_MAIN, type CoderSession, callOk, connectCoder, SAMPLE_REPO } from './support/coder.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const nixBuilt = (() => {
  try {
    const record = readFileSync(new URL('../grammars/nix/build.json', import.meta.url), 'utf8');
    return (JSON.parse(record) as { ok: boolean }).ok;
  } catch {
    return false;
  }
})();

describe('the bundled coder', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  }, 60_000);
  afterAll(async () => {
    await session.close();
  });

  it('starts from dist/main.js, which imports the bundle', () => {
    expect(readFileSync(CODER_MAIN, 'utf8')).toContain("import('./tandem-coder.bundle.mjs')");
  });

  it('reports the version of its package.json', () => {
    expect(session.client.getServerVersion()).toEqual({ name: 'tandem-coder', version: manifest.version });
  });

  it('parses a YAML rule (yaml loads on first use)', async () => {
    const result = await callOk<{ outcome: string }>(session.client, 'test_rule', {
      code: 'print(1)\n',
      language: 'python',
      rule: 'rule:\n  pattern: print($A)\n',
    });
    expect(result.outcome).toBe('matches');
  });

  // The grammar is compiled by the build when a C compiler is present; without one there is nothing to find.
  it.skipIf(!nixBuilt)('finds the grammars the build compiled (apps/coder/grammars)', async () => {
    const result = await callOk<{ language: string; has_errors: boolean }>(
      session.client,
      'dump_syntax_tree',
      {
        code: 'let x = 1; in x\n',
        language: 'nix',
      },
    );
    expect(result).toMatchObject({ language: 'nix', has_errors: false });
  });
});
