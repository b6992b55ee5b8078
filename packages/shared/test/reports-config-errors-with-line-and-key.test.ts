import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { ToolError } from '../src/seam/tool-error.js';
import { makeTempDir } from './support/temp-dir.js';

describe('loadConfig refuses a config it cannot use', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let file: string;
  beforeEach(async () => {
    temp = await makeTempDir();
    file = path.join(temp.dir, '.tandem', 'config.yaml');
    await mkdir(path.dirname(file));
  });
  afterEach(async () => {
    await temp.remove();
  });

  /** Writes `text` as the config and returns what loadConfig threw. */
  async function failure(text: string): Promise<ConfigError> {
    await writeFile(file, text);
    try {
      loadConfig(temp.dir);
    } catch (error) {
      return error as ConfigError;
    }
    throw new Error('loadConfig accepted the config');
  }

  it('names the file and line of broken YAML, and says what to do', async () => {
    const error = await failure('languages:\n  - name: a\n    extensions: [a, b\n');
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(ToolError);
    expect(error.file).toBe(file);
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.message).toMatch(new RegExp(`^Invalid config ${file}: line \\d+: YAML syntax error: `));
    expect(error.hint).toBe(
      'Fix .tandem/config.yaml (or remove it to use the defaults) and restart the server.',
    );
  });

  it('refuses a key given twice', async () => {
    const error = await failure('languages: []\nlanguages: []\n');
    expect(error.message).toMatch(/line 2: YAML syntax error: Map keys must be unique/);
  });

  it('names the line and key of a value of the wrong type', async () => {
    const error = await failure('languages:\n  - name: mynix\n    library_path: a.so\n    extensions: nix\n');
    expect(error.line).toBe(4);
    expect(error.key).toBe('languages[0].extensions');
    expect(error.message).toBe(
      `Invalid config ${file}: line 4: languages[0].extensions: expected array, received string.`,
    );
  });

  it('names a missing required key at its entry', async () => {
    const error = await failure('languages:\n  - name: mynix\n    extensions: [nix]\n');
    expect(error.message).toBe(`Invalid config ${file}: line 2: languages[0].library_path: is required.`);
  });

  it('refuses an unknown key inside a section, where it is most likely a typo', async () => {
    const error = await failure(
      'languages:\n  - name: x\n    library_path: a.so\n    extensions: [a]\n    expando: _\n',
    );
    expect(error.key).toBe('languages[0].expando');
    expect(error.message).toBe(
      `Invalid config ${file}: line 5: languages[0].expando: unknown key "expando".`,
    );
  });

  it('refuses names and characters of the wrong shape, and a name or extension given twice', async () => {
    const error = await failure(
      [
        'languages:',
        '  - name: My Lang',
        '    library_path: a.so',
        '    extensions: [a]',
        '    expando_char: ab',
        '  - name: b',
        '    library_path: b.so',
        '    extensions: [b]',
        '  - name: b',
        '    library_path: c.so',
        '    extensions: [a]',
      ].join('\n'),
    );
    expect(error.message).toContain('line 2: languages[0].name: must be lowercase letters');
    expect(error.message).toContain('line 5: languages[0].expando_char: must be exactly one character');
    expect(error.message).toContain('line 9: languages[2].name: "b" is already defined by languages[1]');
    expect(error.message).toContain(
      'languages[2].extensions[0]: ".a" is already claimed by language "My Lang"',
    );
  });

  it('refuses a top level that is not a mapping', async () => {
    const error = await failure('- languages\n');
    expect(error.message).toBe(
      `Invalid config ${file}: the top level must be a mapping of sections (e.g. \`languages:\`).`,
    );
  });
});
