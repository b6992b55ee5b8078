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

  it('reports the five built-in languages, then every packaged grammar', () => {
    expect(languages.map((lang) => lang.name)).toEqual([
      'javascript',
      'typescript',
      'tsx',
      'html',
      'css',
      ...PACKAGED,
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

  it.each([
    'haskell',
    'toml',
  ])('reports %s, whose package ships no parser for this platform, as unavailable with the reason', (name) => {
    const lang = languages.find((candidate) => candidate.name === name);
    expect(lang).toMatchObject({ source: `@ast-grep/lang-${name}`, loaded: false });
    expect(lang?.error).toMatch(/ships no parser built for .* is missing/);
  });

  it('summarizes one language per line in its text, saying which are unavailable', () => {
    expect(text.split('\n')).toHaveLength(5 + PACKAGED.length);
    expect(text).toMatch(/^python \(py\) @ast-grep\/lang-python$/m);
    expect(text).toMatch(/^toml \(-\) unavailable: /m);
  });
});
