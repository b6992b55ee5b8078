// The languages the coder parses: the five built into @ast-grep/napi plus the grammars of the
// @ast-grep/lang-* packages, registered once through registerDynamicLanguage. napi itself is loaded on
// first use, so the server answers `initialize` without paying for it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ToolError } from '@tandem/shared';

type Napi = typeof import('@ast-grep/napi');

export interface Language {
  /** User-facing name, lowercase. */
  name: string;
  /** Name napi knows the language by. */
  napiName: string;
  extensions: string[];
  source: string;
  loaded: boolean;
  error?: string;
  /** Character that stands in for `$` in patterns of grammars where `$` is not an identifier character. */
  expandoChar: string;
}

const BUILT_IN: ReadonlyArray<Pick<Language, 'name' | 'napiName' | 'extensions'>> = [
  { name: 'javascript', napiName: 'JavaScript', extensions: ['js', 'mjs', 'cjs', 'jsx'] },
  { name: 'typescript', napiName: 'TypeScript', extensions: ['ts', 'mts', 'cts'] },
  { name: 'tsx', napiName: 'Tsx', extensions: ['tsx'] },
  { name: 'html', napiName: 'Html', extensions: ['html', 'htm'] },
  { name: 'css', napiName: 'Css', extensions: ['css'] },
];

// Every @ast-grep/lang-* grammar with a parser prebuilt for the common platforms; JavaScript,
// TypeScript, TSX, HTML and CSS are napi's own.
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
] as const;

const ALIASES: Record<string, string> = {
  js: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  py: 'python',
  rs: 'rust',
  golang: 'go',
  sh: 'bash',
  shell: 'bash',
  'c++': 'cpp',
  cs: 'csharp',
  'c#': 'csharp',
  ex: 'elixir',
  hs: 'haskell',
  kt: 'kotlin',
  rb: 'ruby',
  yml: 'yaml',
};

interface LangPackage {
  libraryPath: string;
  extensions: string[];
  languageSymbol?: string;
  expandoChar?: string;
}

export class LanguageRegistry {
  private napi: Napi | undefined;
  private languages: Language[] | undefined;
  private readonly require = createRequire(import.meta.url);

  /** Loads napi and registers every packaged grammar that resolves; failures are kept per language. */
  private load(): { napi: Napi; languages: Language[] } {
    if (this.napi && this.languages) return { napi: this.napi, languages: this.languages };
    const napi = this.require('@ast-grep/napi') as Napi;
    const languages: Language[] = BUILT_IN.map((lang) => ({
      ...lang,
      source: 'built-in',
      loaded: true,
      expandoChar: '$',
    }));
    const registrations: Record<string, LangPackage> = {};
    const packaged: Language[] = [];
    for (const name of PACKAGED) {
      const source = `@ast-grep/lang-${name}`;
      try {
        const pkg = this.require(source) as LangPackage;
        const libraryPath = pkg.libraryPath; // a getter that throws when no parser is built for this platform
        // Some packages name a parser.so they never built; napi aborts the process on a missing
        // library, so each path is checked before it gets anywhere near registerDynamicLanguage.
        if (!existsSync(libraryPath)) {
          throw new Error(
            `${source} ships no parser built for ${process.platform}-${process.arch} (${libraryPath} is missing)`,
          );
        }
        registrations[name] = { ...pkg, libraryPath };
        packaged.push({
          name,
          napiName: name,
          extensions: [...pkg.extensions],
          source,
          loaded: true,
          expandoChar: pkg.expandoChar ?? '$',
        });
      } catch (error) {
        packaged.push({
          name,
          napiName: name,
          extensions: [],
          source,
          loaded: false,
          error: (error as Error).message,
          expandoChar: '$',
        });
      }
    }
    try {
      // napi keeps only the last registration, so every grammar goes in one call.
      if (Object.keys(registrations).length > 0) napi.registerDynamicLanguage(registrations);
    } catch (error) {
      for (const lang of packaged) {
        if (!lang.loaded) continue;
        lang.loaded = false;
        lang.error = `registerDynamicLanguage failed: ${(error as Error).message}`;
      }
    }
    this.napi = napi;
    this.languages = [...languages, ...packaged];
    return { napi, languages: this.languages };
  }

  list(): Language[] {
    return this.load().languages;
  }

  get ast(): Napi {
    return this.load().napi;
  }

  /** The loaded language named `requested` (aliases and any case accepted), or a ToolError saying why not. */
  byName(requested: string): Language {
    const key = requested.trim().toLowerCase();
    const name = ALIASES[key] ?? key;
    const lang = this.list().find((candidate) => candidate.name === name);
    if (!lang) {
      throw new ToolError(`Unknown language "${requested}".`, {
        hint: `Known languages: ${this.list()
          .map((l) => l.name)
          .join(', ')}.`,
      });
    }
    return this.requireLoaded(lang);
  }

  /** The language of a file by its extension, or undefined when none claims it. */
  forPath(filePath: string): Language | undefined {
    const ext = path.extname(filePath).slice(1).toLowerCase();
    if (!ext) return undefined;
    const lang = this.list().find((candidate) => candidate.extensions.includes(ext));
    return lang ? this.requireLoaded(lang) : undefined;
  }

  private requireLoaded(lang: Language): Language {
    if (!lang.loaded) {
      throw new ToolError(`Language "${lang.name}" is unavailable: ${lang.error ?? 'it did not load'}.`, {
        hint: 'list_languages shows the languages that loaded.',
      });
    }
    return lang;
  }
}
