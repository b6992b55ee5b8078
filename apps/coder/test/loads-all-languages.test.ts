import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, SAMPLE_REPO, textOf } from './support/coder.js';

const PACKAGED = [
  'bash',
  'c',
  'cpp',
  'csharp',
  'dart',
  'elixir',
  'go',
  'haskell',
  'java',
  'json',
  'kotlin',
  'lua',
  'php',
  'python',
  'ruby',
  'rust',
  'scala',
  'sql',
  'swift',
  'toml',
  'yaml',
];

interface LanguageInfo {
  name: string;
  extensions: string[];
  source: string;
  loaded: boolean;
  error?: string;
}

describe('list_languages', () => {
  let session: CoderSession;
  let languages: LanguageInfo[];
  let text: string;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    expect(result.isError).toBeFalsy();
    languages = (result.structuredContent as { languages: LanguageInfo[] }).languages;
    text = textOf(result);
  });
  afterAll(async () => {
    await session.close();
  });

  it('reports the five built-in languages, then every packaged grammar, then Nix', () => {
    expect(languages.map((lang) => lang.name)).toEqual([
      'javascript',
      'typescript',
      'tsx',
      'html',
      'css',
      ...PACKAGED,
      'nix',
    ]);
  });

  it.each(['javascript', 'typescript', 'tsx', 'html', 'css'])('reports %s as built-in and loaded', (name) => {
    expect(languages.find((lang) => lang.name === name)).toMatchObject({ source: 'built-in', loaded: true });
  });

  it.each([
    ['python', 'py'],
    ['rust', 'rs'],
    ['go', 'go'],
    ['bash', 'sh'],
    ['c', 'c'],
    ['cpp', 'cpp'],
    ['csharp', 'cs'],
    ['java', 'java'],
    ['kotlin', 'kt'],
    ['ruby', 'rb'],
    ['php', 'php'],
    ['swift', 'swift'],
    ['lua', 'lua'],
    ['scala', 'scala'],
    ['json', 'json'],
    ['yaml', 'yml'],
    ['dart', 'dart'],
    ['elixir', 'ex'],
    ['sql', 'sql'],
  ])('reports %s as loaded from its @ast-grep/lang-* package, claiming .%s', (name, extension) => {
    const lang = languages.find((candidate) => candidate.name === name);
    expect(lang).toMatchObject({ source: `@ast-grep/lang-${name}`, loaded: true });
    expect(lang?.error).toBeUndefined();
    expect(lang?.extensions).toContain(extension);
  });

  it('lists the extensions of the built-in languages', () => {
    expect(languages.find((lang) => lang.name === 'typescript')?.extensions).toEqual(['ts', 'mts', 'cts']);
    expect(languages.find((lang) => lang.name === 'javascript')?.extensions).toContain('js');
  });

  // Their index.js names a parser.so that only their (blocked) postinstall would copy from the
  // prebuild, so the registry looks the prebuild up itself.
  it.each([
    ['haskell', 'hs'],
    ['toml', 'toml'],
  ])('reports %s, whose package leaves its prebuilt parser in prebuilds/, as loaded', (name, extension) => {
    const lang = languages.find((candidate) => candidate.name === name);
    expect(lang).toMatchObject({ source: `@ast-grep/lang-${name}`, loaded: true, extensions: [extension] });
    expect(lang?.error).toBeUndefined();
  });

  it('gives the expando character of each language', () => {
    const expando = (name: string) =>
      (languages.find((lang) => lang.name === name) as { expando_char?: string } | undefined)?.expando_char;
    expect(expando('javascript')).toBe('$');
    expect(expando('python')).toBe('µ');
    expect(expando('nix')).toBe('_');
  });

  it('summarizes one language per line in its text', () => {
    expect(text.split('\n')).toHaveLength(5 + PACKAGED.length + 1);
    expect(text).toMatch(/^python \(py\) @ast-grep\/lang-python$/m);
    expect(text).toMatch(/^toml \(toml\) @ast-grep\/lang-toml$/m);
    expect(text).toMatch(/^nix \(nix\) built from tree-sitter-nix@/m);
  });
});
