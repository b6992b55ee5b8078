import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, makeTempDir, textOf } from './support/coder.js';

interface Listing {
  languages: Array<{ name: string; source: string }>;
  config_error?: string;
}

describe('an invalid .tandem/config.yaml', () => {
  let session: CoderSession | undefined;
  let temp: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await session?.close();
    await temp?.remove();
  });

  async function startWith(config: string): Promise<{ listing: Listing; text: string }> {
    temp = await makeTempDir();
    await mkdir(path.join(temp.dir, '.tandem'));
    await writeFile(path.join(temp.dir, '.tandem', 'config.yaml'), config);
    session = await connectCoder(temp.dir);
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    expect(result.isError).toBeFalsy();
    return { listing: result.structuredContent as unknown as Listing, text: textOf(result) };
  }

  it('reports broken YAML with the file and line, logs it, and still serves the other languages', async () => {
    const { listing, text } = await startWith('languages:\n  - name: a\n    extensions: [a\n');
    const file = path.join(temp?.dir ?? '', '.tandem', 'config.yaml');
    expect(listing.config_error).toMatch(
      new RegExp(`^Invalid config ${file}: line \\d+: YAML syntax error: `),
    );
    expect(listing.languages.some((lang) => lang.source === '.tandem/config.yaml')).toBe(false);
    expect(text).toMatch(/^config not used: Invalid config /m);
    // stderr and stdout are separate pipes: the log line may arrive just after the response.
    await vi.waitFor(() => expect(session?.stderr()).toContain(`Invalid config ${file}`));
    expect((await dumpTree(session!.client, { code: 'let a = 1', language: 'typescript' })).has_errors).toBe(
      false,
    );
  });

  it('names the line and key of a value of the wrong type', async () => {
    const { listing } = await startWith(
      'languages:\n  - name: mynix\n    library_path: grammars/mynix.so\n    extensions: nix\n',
    );
    expect(listing.config_error).toMatch(
      /: line 4: languages\[0\]\.extensions: expected array, received string\.$/,
    );
  });

  it('warns about an unknown top-level section and loads the rest', async () => {
    const { listing } = await startWith('personas: {}\nlanguages: []\n');
    expect(listing.config_error).toBeUndefined();
    await vi.waitFor(() =>
      expect(session?.stderr()).toMatch(/warn .*config\.yaml: line 1: unknown section "personas" ignored/),
    );
  });
});
