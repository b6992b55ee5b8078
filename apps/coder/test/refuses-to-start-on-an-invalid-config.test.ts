import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CoderSession, connectCoder, exitWithin, makeTempDir, spawnRaw } from './support/coder.js';

describe('.tandem/config.yaml at start-up', () => {
  let session: CoderSession | undefined;
  let temp: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await session?.close();
    await temp?.remove();
  });

  async function rootWith(config: string): Promise<string> {
    temp = await makeTempDir();
    await mkdir(path.join(temp.dir, '.tandem'));
    await writeFile(path.join(temp.dir, '.tandem', 'config.yaml'), config);
    return temp.dir;
  }

  it('stops the server on broken YAML, naming the file and the line', async () => {
    const root = await rootWith('languages:\n  - name: a\n    extensions: [a\n');
    const server = spawnRaw(root);
    const { code } = await exitWithin(server.exited, 15_000);
    expect(code).toBe(2);
    const file = path.join(root, '.tandem', 'config.yaml');
    expect(server.stderr()).toMatch(new RegExp(`Invalid config ${file}: line \\d+: YAML syntax error: `));
    expect(server.stderr()).toMatch(/Fix \.tandem\/config\.yaml/);
    expect(server.lines).toEqual([]);
  });

  it('stops the server on a value of the wrong type, naming the key path and what was expected', async () => {
    const root = await rootWith(
      'languages:\n  - name: mynix\n    library_path: grammars/mynix.so\n    extensions: nix\n',
    );
    const server = spawnRaw(root);
    const { code } = await exitWithin(server.exited, 15_000);
    expect(code).toBe(2);
    expect(server.stderr()).toMatch(/line 4: languages\[0\]\.extensions: expected array, received string/);
  });

  it('stops the server on a role nobody defined', async () => {
    const server = spawnRaw(await rootWith('identity:\n  role: admin\n'));
    const { code } = await exitWithin(server.exited, 15_000);
    expect(code).toBe(2);
    expect(server.stderr()).toContain('line 2: identity.role: "admin" is not a role');
  });

  it('warns about an unknown top-level section and serves', async () => {
    session = await connectCoder(await rootWith('someday: {}\nlanguages: []\n'));
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    expect(result.isError).toBeFalsy();
    await vi.waitFor(() =>
      expect(session?.stderr()).toMatch(/warn .*config\.yaml: line 1: unknown section "someday" ignored/),
    );
  });
});
