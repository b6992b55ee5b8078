// The languages the coder parses: the five built into @ast-grep/napi, the grammars of the
// @ast-grep/lang-* packages, the grammars the build compiles from C sources (Nix), and the ones a
// project adds in .tandem/config.yaml. napi keeps only its last registerDynamicLanguage call, so every
// dynamic grammar goes into one call; napi itself is loaded on first use, so the server answers
// `initialize` without paying for it. The config is read once, at that first use.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  CONFIG_FILE,
  type LanguageConfig,
  type Logger,
  loadConfig,
  resolveInRoot,
  stateDir,
  ToolError,
} from '@tandem/shared';
import { builtLibrary, GRAMMARS_DIR, SOURCE_GRAMMARS } from '../grammars/built-grammars.js';
import { PACKAGED_GRAMMARS, packagedParser } from '../grammars/packaged-grammars.js';
import { ProbeCache } from '../grammars/probe-cache.js';
import type { ProbeResult, ProbeSpec } from '../grammars/probe-grammar.js';

type Napi = typeof import('@ast-grep/napi');

export interface Language {
  /** User-facing name, lowercase. */
  name: string;
  /** Name napi knows the language by. */
  napiName: string;
  extensions: string[];
  /** "built-in", the package name, "built from <package>@<version>" or ".tandem/config.yaml". */
  source: string;
  loaded: boolean;
  error?: string;
  /** Starts a metavariable in patterns. */
  metaVarChar: string;
  /** Stands in for metaVarChar in patterns of grammars that cannot parse it. */
  expandoChar: string;
  /**
   * Registered through registerDynamicLanguage. napi rewrites patterns of such languages by replacing
   * every metaVarChar with expandoChar, while its built-in languages only replace a `$` that starts a
   * metavariable (see toPatternSource).
   */
  dynamic: boolean;
  /** The grammar library of a dynamic language. */
  libraryPath?: string;
  /** The languages (or extensions) a config language took over. */
  overrides?: string;
}

// ast-grep's own expando characters for napi's built-ins (crates/language: Css `_`, Html `z`).
const BUILT_IN: ReadonlyArray<Pick<Language, 'name' | 'napiName' | 'extensions' | 'expandoChar'>> = [
  { name: 'javascript', napiName: 'JavaScript', extensions: ['js', 'mjs', 'cjs', 'jsx'], expandoChar: '$' },
  { name: 'typescript', napiName: 'TypeScript', extensions: ['ts', 'mts', 'cts'], expandoChar: '$' },
  { name: 'tsx', napiName: 'Tsx', extensions: ['tsx'], expandoChar: '$' },
  { name: 'html', napiName: 'Html', extensions: ['html', 'htm'], expandoChar: 'z' },
  { name: 'css', napiName: 'Css', extensions: ['css'], expandoChar: '_' },
];

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

interface Registration {
  libraryPath: string;
  extensions: string[];
  languageSymbol: string;
  expandoChar?: string;
  metaVarChar?: string;
}

/** A dynamic language and what napi needs to register it (undefined when it cannot be loaded). */
interface Candidate {
  lang: Language;
  registration: Registration | undefined;
}

export interface LanguageRegistryOptions {
  /** Workspace root: its .tandem/config.yaml may add languages. Without one, no config is read. */
  root?: string;
  logger?: Logger;
  /** Where the build leaves compiled grammars; tests point it elsewhere. */
  grammarsDir?: string;
  /** Loads a config library in a child before napi sees it; tests may count the calls. */
  probe?: (spec: ProbeSpec) => ProbeResult;
}

function unavailable(
  base: Omit<Language, 'loaded' | 'error' | 'dynamic' | 'metaVarChar' | 'expandoChar'> &
    Partial<Pick<Language, 'metaVarChar' | 'expandoChar'>>,
  error: string,
): Candidate {
  return {
    lang: { metaVarChar: '$', expandoChar: '$', ...base, dynamic: true, loaded: false, error },
    registration: undefined,
  };
}

function available(
  base: Omit<Language, 'loaded' | 'error' | 'dynamic' | 'metaVarChar' | 'expandoChar' | 'libraryPath'>,
  registration: Registration,
): Candidate {
  const metaVarChar = registration.metaVarChar ?? '$';
  return {
    lang: {
      ...base,
      metaVarChar,
      expandoChar: registration.expandoChar ?? metaVarChar,
      dynamic: true,
      loaded: true,
      libraryPath: registration.libraryPath,
    },
    registration,
  };
}

export class LanguageRegistry {
  private napi: Napi | undefined;
  private languages: Language[] | undefined;
  private configProblem: string | undefined;
  private readonly require = createRequire(import.meta.url);

  constructor(private readonly options: LanguageRegistryOptions = {}) {}

  private packaged(): Candidate[] {
    const grammarsDir = this.options.grammarsDir ?? GRAMMARS_DIR;
    return PACKAGED_GRAMMARS.map((name) => {
      const source = `@ast-grep/lang-${name}`;
      let parser: ReturnType<typeof packagedParser>;
      try {
        parser = packagedParser(name);
      } catch (error) {
        return unavailable({ name, napiName: name, extensions: [], source }, (error as Error).message);
      }
      const { extensions, languageSymbol, expandoChar, metaVarChar } = parser.registration;
      const base = { name, napiName: name, extensions, source };
      const registration = {
        extensions,
        languageSymbol: languageSymbol ?? `tree_sitter_${name}`,
        expandoChar,
        metaVarChar,
      };
      if (parser.libraryPath) return available(base, { ...registration, libraryPath: parser.libraryPath });
      const built = builtLibrary(name, grammarsDir);
      if (built.ok) {
        return available(
          { ...base, source: `built from ${built.from}` },
          { ...registration, libraryPath: built.libraryPath },
        );
      }
      return unavailable({ ...base, expandoChar, metaVarChar }, `${parser.missing}; ${built.error}`);
    });
  }

  private builtFromSource(): Candidate[] {
    const grammarsDir = this.options.grammarsDir ?? GRAMMARS_DIR;
    return SOURCE_GRAMMARS.map((grammar) => {
      const built = builtLibrary(grammar.name, grammarsDir);
      const base = {
        name: grammar.name,
        napiName: grammar.name,
        extensions: [...grammar.extensions],
        source: `built from ${built.from ?? grammar.package}`,
      };
      const registration = {
        extensions: base.extensions,
        languageSymbol: grammar.languageSymbol,
        expandoChar: grammar.expandoChar,
      };
      if (built.ok) return available(base, { ...registration, libraryPath: built.libraryPath });
      return unavailable({ ...base, expandoChar: grammar.expandoChar }, built.error);
    });
  }

  /** The config's languages, each probed in a child process (cached) before napi may load it. */
  private configured(): Candidate[] {
    const { root, logger } = this.options;
    if (!root) return [];
    let entries: LanguageConfig[];
    try {
      entries = loadConfig(root, { logger }).config.languages;
    } catch (error) {
      this.configProblem = (error as Error).message;
      logger?.error(`${this.configProblem} Its languages are not loaded.`);
      return [];
    }
    const cache = new ProbeCache(
      path.join(stateDir(root), 'cache', 'grammar-probes.json'),
      this.options.probe,
    );
    return entries.map((entry) => {
      const metaVarChar = entry.meta_var_char ?? '$';
      const base = {
        name: entry.name,
        napiName: entry.name,
        extensions: [...entry.extensions],
        source: CONFIG_FILE,
        metaVarChar,
        expandoChar: entry.expando_char ?? metaVarChar,
      };
      if (BUILT_IN.some((lang) => lang.name === entry.name)) {
        return unavailable(
          base,
          `"${entry.name}" is napi's built-in language and cannot be replaced: choose another name`,
        );
      }
      // Relative paths are the workspace's (confined like any path argument); a grammar kept
      // elsewhere, say in the Nix store, is given absolute. Either way the library is only loaded
      // after a probe survived it.
      let libraryPath: string;
      try {
        libraryPath = path.isAbsolute(entry.library_path)
          ? path.normalize(entry.library_path)
          : resolveInRoot(root, entry.library_path, 'library_path').absolute;
      } catch (error) {
        return unavailable(
          base,
          `${(error as Error).message} Give an absolute path for a grammar kept elsewhere`,
        );
      }
      if (!existsSync(libraryPath)) return unavailable(base, `library_path: no file at ${libraryPath}`);
      const languageSymbol = entry.language_symbol ?? `tree_sitter_${entry.name.replaceAll('-', '_')}`;
      const probe = cache.probe({ libraryPath, languageSymbol });
      if (!probe.ok) return unavailable(base, `library_path ${libraryPath}: ${probe.reason}`);
      return available(base, {
        libraryPath,
        extensions: base.extensions,
        languageSymbol,
        expandoChar: entry.expando_char,
        metaVarChar: entry.meta_var_char,
      });
    });
  }

  /** Loads napi and registers every dynamic grammar that can load; failures are kept per language. */
  private load(): { napi: Napi; languages: Language[] } {
    if (this.napi && this.languages) return { napi: this.napi, languages: this.languages };
    const napi = this.require('@ast-grep/napi') as Napi;
    const builtIn: Language[] = BUILT_IN.map((lang) => ({
      ...lang,
      source: 'built-in',
      loaded: true,
      metaVarChar: '$',
      dynamic: false,
    }));
    const configured = this.configured();
    let others: Candidate[] = [...this.packaged(), ...this.builtFromSource()];

    // A config language replaces a packaged or built one of the same name and takes the extensions
    // it claims from any other language, so a file goes to the grammar the project chose.
    for (const { lang } of configured) {
      if (BUILT_IN.some((builtIn) => builtIn.name === lang.name)) continue;
      const taken: string[] = [];
      others = others.filter((other) => {
        if (other.lang.name !== lang.name) return true;
        taken.push(`${other.lang.name} from ${other.lang.source}`);
        return false;
      });
      for (const other of [...builtIn, ...others.map((candidate) => candidate.lang)]) {
        const claimed = other.extensions.filter((ext) => lang.extensions.includes(ext));
        if (claimed.length === 0) continue;
        other.extensions = other.extensions.filter((ext) => !lang.extensions.includes(ext));
        taken.push(`${claimed.map((ext) => `.${ext}`).join(', ')} of ${other.name}`);
      }
      if (taken.length > 0) lang.overrides = taken.join('; ');
    }

    const dynamic = [...others, ...configured];
    const registrations: Record<string, Registration> = {};
    for (const { lang, registration } of dynamic) {
      if (registration) registrations[lang.napiName] = { ...registration, extensions: lang.extensions };
    }
    try {
      if (Object.keys(registrations).length > 0) napi.registerDynamicLanguage(registrations);
    } catch (error) {
      for (const { lang } of dynamic) {
        if (!lang.loaded) continue;
        lang.loaded = false;
        lang.error = `registerDynamicLanguage failed: ${(error as Error).message}`;
      }
    }
    this.napi = napi;
    this.languages = [...builtIn, ...dynamic.map((candidate) => candidate.lang)];
    return { napi, languages: this.languages };
  }

  list(): Language[] {
    return this.load().languages;
  }

  /** Why .tandem/config.yaml could not be used, if it could not. */
  configError(): string | undefined {
    this.load();
    return this.configProblem;
  }

  get ast(): Napi {
    return this.load().napi;
  }

  /** The loaded language named `requested` (aliases and any case accepted), or a ToolError saying why not. */
  byName(requested: string): Language {
    const key = requested.trim().toLowerCase();
    const languages = this.list();
    const lang =
      languages.find((candidate) => candidate.name === key) ??
      languages.find((candidate) => candidate.name === ALIASES[key]);
    if (!lang) {
      throw new ToolError(`Unknown language "${requested}".`, {
        hint: `Known languages: ${languages.map((l) => l.name).join(', ')}.`,
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
