import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, makeTempDir, textOf } from './support/coder.js';

const BUILT_NIX = fileURLToPath(new URL('../grammars/nix/parser.so', import.meta.url));
const TOML_PREBUILD = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@ast-grep/lang-toml')),
  'prebuilds',
  'prebuild-Linux-X64',
  'parser.so',
);

interface LanguageInfo {
  name: string;
  extensions: string[];
  source: string;
  loaded: boolean;
  error?: string;
  expando_char?: string;
  library_path?: string;
  overrides?: string;
}

describe('languages from .tandem/config.yaml', () => {
  let session: CoderSession;
  let temp: { dir: string; remove: () => Promise<void> };
  let languages: LanguageInfo[];
  let text: string;
  let cacheMtime: number;
  const byName = (name: string) => languages.find((lang) => lang.name === name);

  beforeAll(async () => {
    temp = await makeTempDir();
    const root = temp.dir;
    await mkdir(path.join(root, '.tandem'), { recursive: true });
    await mkdir(path.join(root, 'grammars'));
    // The Nix grammar the build compiled, under another name: a project grammar that really parses.
    await copyFile(BUILT_NIX, path.join(root, 'grammars', 'mynix.so'));
    await writeFile(path.join(root, 'grammars', 'fake.so'), 'this is a text file, not a grammar\n');
    await writeFile(path.join(root, 'default.mynix'), '{ a = 1; b = [ 2 3 ]; }\n');
    await writeFile(path.join(root, 'other.nix'), '{ c = 4; }\n');
    const languagesYaml = [
      'languages:',
      '  - name: mynix',
      '    library_path: grammars/mynix.so',
      '    extensions: [mynix, .nix]',
      '    language_symbol: tree_sitter_nix',
      '    expando_char: _',
      '  - name: gone',
      '    library_path: grammars/gone.so',
      '    extensions: [gone]',
      '  - name: fake',
      '    library_path: grammars/fake.so',
      '    extensions: [fake]',
    ];
    if (process.platform === 'linux' && process.arch === 'x64') {
      // An absolute path outside the root, replacing the packaged grammar of the same name.
      languagesYaml.push('  - name: toml', `    library_path: ${TOML_PREBUILD}`, '    extensions: [toml]');
    }
    await writeFile(path.join(root, '.tandem', 'config.yaml'), `${languagesYaml.join('\n')}\n`);
    session = await connectCoder(root);
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    expect(result.isError).toBeFalsy();
    languages = (result.structuredContent as { languages: LanguageInfo[] }).languages;
    text = textOf(result);
    cacheMtime = (await stat(path.join(root, '.tandem', 'cache', 'grammar-probes.json'))).mtimeMs;
  }, 60_000); // probes each configured grammar in a child process: slow on a loaded machine
  afterAll(async () => {
    await session?.close();
    await temp?.remove();
  });

  it('lists a config language as loaded from .tandem/config.yaml, after the others', () => {
    expect(byName('mynix')).toMatchObject({
      extensions: ['mynix', 'nix'],
      source: '.tandem/config.yaml',
      loaded: true,
      expando_char: '_',
      library_path: path.join(temp.dir, 'grammars', 'mynix.so'),
    });
    const names = languages.map((lang) => lang.name);
    expect(names.slice(names.indexOf('nix') + 1, names.indexOf('nix') + 4)).toEqual([
      'mynix',
      'gone',
      'fake',
    ]);
  });

  it('parses files with its extensions with it', async () => {
    const dumped = await dumpTree(session.client, { path: 'default.mynix' });
    expect(dumped.language).toBe('mynix');
    expect(dumped.has_errors).toBe(false);
    expect(dumped.tree).toMatch(/^ +attrset_expression /m);
  });

  it('takes an extension from the language that had it, and says so', async () => {
    expect(byName('nix')?.extensions).toEqual([]);
    expect(byName('mynix')?.overrides).toBe('.nix of nix');
    expect((await dumpTree(session.client, { path: 'other.nix' })).language).toBe('mynix');
  });

  it('reports a library path with no file as not loaded, with the path', () => {
    expect(byName('gone')).toMatchObject({ loaded: false, source: '.tandem/config.yaml' });
    expect(byName('gone')?.error).toBe(
      `library_path: no file at ${path.join(temp.dir, 'grammars', 'gone.so')}`,
    );
  });

  it('reports a file that is not a grammar as not loaded, with the reason, and keeps serving', async () => {
    expect(byName('fake')).toMatchObject({ loaded: false });
    expect(byName('fake')?.error).toMatch(/fake\.so: not a loadable shared library \(.*\)$/);
    expect(text).toMatch(
      /^fake \(fake\) unavailable: library_path .*fake\.so: not a loadable shared library/m,
    );
    const refused = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'x', language: 'fake' },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /^Language "fake" is unavailable: library_path .* not a loadable shared library/,
    );
    expect(textOf(refused)).toMatch(/list_languages shows the languages that loaded\.$/);
    expect((await dumpTree(session.client, { code: 'x = 1', language: 'python' })).has_errors).toBe(false);
  });

  it.skipIf(process.platform !== 'linux' || process.arch !== 'x64')(
    'replaces a packaged grammar of the same name (this prebuild is linux-x64 only)',
    async () => {
      const toml = languages.filter((lang) => lang.name === 'toml');
      expect(toml).toHaveLength(1);
      expect(toml[0]).toMatchObject({
        source: '.tandem/config.yaml',
        loaded: true,
        overrides: 'toml from @ast-grep/lang-toml',
      });
      expect((await dumpTree(session.client, { code: 'a = 1\n', language: 'toml' })).has_errors).toBe(false);
    },
  );

  it('remembers probe outcomes in .tandem/cache, so the next start does not probe again', async () => {
    const file = path.join(temp.dir, '.tandem', 'cache', 'grammar-probes.json');
    const before = await readFile(file, 'utf8');
    const cache = JSON.parse(before) as { entries: Record<string, { ok: boolean }> };
    const outcomes = Object.entries(cache.entries).map(([key, value]) => [JSON.parse(key)[0], value.ok]);
    expect(outcomes).toContainEqual([path.join(temp.dir, 'grammars', 'mynix.so'), true]);
    expect(outcomes).toContainEqual([path.join(temp.dir, 'grammars', 'fake.so'), false]);
    const again = await connectCoder(temp.dir);
    try {
      const result = await again.client.callTool({ name: 'list_languages', arguments: {} });
      const relisted = (result.structuredContent as { languages: LanguageInfo[] }).languages;
      expect(relisted.find((lang) => lang.name === 'fake')?.error).toBe(byName('fake')?.error);
      // The file is written only after a probe: unchanged, nothing was probed.
      expect((await stat(file)).mtimeMs).toBe(cacheMtime);
      expect(await readFile(file, 'utf8')).toBe(before);
    } finally {
      await again.close();
    }
  });
});
