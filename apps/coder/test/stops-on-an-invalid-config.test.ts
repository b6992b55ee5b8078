// A .tandem/config.yaml that cannot be used stops the server at start, naming the file, the line and
// the key: it holds the roles and budgets too, and a server must not run a policy other than the one
// written down. A section this version does not know is only a warning.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CODER_MAIN, type CoderSession, connectCoder, dumpTree, makeTempDir } from './support/coder.js';

describe('an invalid .tandem/config.yaml', () => {
  let session: CoderSession | undefined;
  let temp: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await temp?.remove();
  });

  async function rootWith(config: string): Promise<{ root: string; file: string }> {
    temp = await makeTempDir();
    const file = path.join(temp.dir, '.tandem', 'config.yaml');
    await mkdir(path.dirname(file));
    await writeFile(file, config);
    return { root: temp.dir, file };
  }

  /** Starts the server on `root` with stdin closed: a usable config would make it exit 0 at once. */
  function start(root: string) {
    return spawnSync(process.execPath, [CODER_MAIN, '--root', root], {
      encoding: 'utf8',
      timeout: 20_000,
      input: '',
    });
  }

  it('stops with the file and line of broken YAML, writing nothing to stdout', async () => {
    const { root, file } = await rootWith('languages:\n  - name: a\n    extensions: [a\n');
    const result = start(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Invalid config ${file}: line `);
    expect(result.stderr).toContain('YAML syntax error');
    expect(result.stdout).toBe('');
  });

  it('stops naming the line and key of a value of the wrong type', async () => {
    const { root } = await rootWith(
      'languages:\n  - name: mynix\n    library_path: grammars/mynix.so\n    extensions: nix\n',
    );
    const result = start(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 4: languages[0].extensions: expected array, received string.');
  });

  it('stops on a role nobody defined', async () => {
    const { root } = await rootWith('identity:\n  role: admin\n');
    const result = start(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('line 2: identity.role: "admin" is not a role');
  });

  it('warns about an unknown top-level section and serves', async () => {
    const { root } = await rootWith('personas: {}\nlanguages: []\n');
    session = await connectCoder(root);
    expect((await dumpTree(session.client, { code: 'let a = 1', language: 'typescript' })).has_errors).toBe(
      false,
    );
    await vi.waitFor(() =>
      expect(session?.stderr()).toMatch(/warn .*config\.yaml: line 1: unknown section "personas" ignored/),
    );
  });
});
