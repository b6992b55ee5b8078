// The build's grammar compiler, run directly on the C sources an @ast-grep/lang-* package ships.
import { appendFile, cp, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LanguageRegistry } from '../src/engine/languages.js';
import { builtLibrary, RECORD_FILE } from '../src/grammars/built-grammars.js';
import {
  type CompileJob,
  type Compiler,
  compileGrammar,
  findCompiler,
} from '../src/grammars/compile-grammar.js';
import { makeTempDir } from './support/coder.js';

const require = createRequire(import.meta.url);
const TOML_DIR = path.dirname(require.resolve('@ast-grep/lang-toml'));
const TOML_VERSION = (require('@ast-grep/lang-toml/package.json') as { version: string }).version;
const compiler = findCompiler();
const haveCompiler = !('error' in compiler);

describe('compiling a grammar from its C sources', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  const job = (name: string, srcDir = path.join(TOML_DIR, 'src')): CompileJob => ({
    name,
    from: `@ast-grep/lang-toml@${TOML_VERSION}`,
    srcDir,
    languageSymbol: 'tree_sitter_toml',
    outDir: path.join(temp.dir, 'grammars', name),
  });
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp.remove();
  });

  it.skipIf(!haveCompiler)('builds a loadable library and records what it came from', async () => {
    const outcome = await compileGrammar(job('toml'), compiler as Compiler);
    expect(outcome.skipped).toBe(false);
    expect(outcome.record).toMatchObject({
      ok: true,
      library: 'parser.so',
      from: `@ast-grep/lang-toml@${TOML_VERSION}`,
    });
    const built = builtLibrary('toml', path.join(temp.dir, 'grammars'));
    expect(built).toEqual({
      ok: true,
      libraryPath: path.join(temp.dir, 'grammars', 'toml', 'parser.so'),
      from: `@ast-grep/lang-toml@${TOML_VERSION}`,
    });
  });

  it.skipIf(!haveCompiler)('skips a grammar whose sources and compiler have not changed', async () => {
    const library = path.join(temp.dir, 'grammars', 'toml', 'parser.so');
    const before = (await stat(library)).mtimeMs;
    const outcome = await compileGrammar(job('toml'), compiler as Compiler);
    expect(outcome.skipped).toBe(true);
    expect((await stat(library)).mtimeMs).toBe(before);
  });

  it.skipIf(!haveCompiler)('records the compiler errors of sources that do not compile', async () => {
    const srcDir = path.join(temp.dir, 'broken-src');
    await cp(path.join(TOML_DIR, 'src'), srcDir, { recursive: true });
    await appendFile(path.join(srcDir, 'parser.c'), '\nthis is not C;\n');
    const outcome = await compileGrammar(job('broken', srcDir), compiler as Compiler);
    expect(outcome.record.ok).toBe(false);
    expect(outcome.record.error).toMatch(/^compiling @ast-grep\/lang-toml@.* failed: .*parser\.c.*error/);
    const built = builtLibrary('broken', path.join(temp.dir, 'grammars'));
    expect(built).toMatchObject({ ok: false, error: outcome.record.error });
  });

  it('records why, when there is no C compiler', async () => {
    const none = findCompiler({ CC: 'no-such-cc' }, []);
    expect(none).toEqual({
      error: expect.stringMatching(/^no C compiler found \(tried no-such-cc\): install one/),
    });
    const outcome = await compileGrammar(job('nocc'), none);
    expect(outcome.record).toMatchObject({ ok: false, error: (none as { error: string }).error });
    const record = JSON.parse(await readFile(path.join(temp.dir, 'grammars', 'nocc', RECORD_FILE), 'utf8'));
    expect(record.ok).toBe(false);
  });
});

describe('a grammar the build could not compile', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir();
    await mkdir(path.join(temp.dir, 'nix'));
    const record = {
      format: 1,
      name: 'nix',
      from: 'tree-sitter-nix@0.0.2',
      language_symbol: 'tree_sitter_nix',
      ok: false,
      error: 'no C compiler found (tried cc, gcc, clang): install one',
    };
    await writeFile(path.join(temp.dir, 'nix', RECORD_FILE), JSON.stringify(record));
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('is listed as unavailable with the recorded reason, and every other language still loads', () => {
    const registry = new LanguageRegistry({ grammarsDir: temp.dir });
    const nix = registry.list().find((lang) => lang.name === 'nix');
    expect(nix).toMatchObject({
      loaded: false,
      source: 'built from tree-sitter-nix@0.0.2',
      error: 'no C compiler found (tried cc, gcc, clang): install one',
      expandoChar: '_',
    });
    expect(() => registry.forPath('flake.nix')).toThrow(
      /^Language "nix" is unavailable: no C compiler found/,
    );
    expect(
      registry
        .list()
        .filter((lang) => !lang.loaded)
        .map((lang) => lang.name),
    ).toEqual(['nix']);
    expect(registry.ast.parse(registry.byName('python').napiName, 'x = 1\n').root().kind()).toBe('module');
  });
});
