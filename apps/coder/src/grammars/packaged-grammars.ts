// Grammars that come as @ast-grep/lang-* packages, and where each one's parser library is. Newer
// packages point `libraryPath` at their prebuild; older ones (haskell 0.0.3, toml 0.0.5) point at a
// parser.so their postinstall would copy, which pnpm does not run here, so the prebuild for this
// platform is looked up the same way their postinstall does. Failing both, the coder's build may have
// compiled the package's C sources (see build-grammars.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Every @ast-grep/lang-* grammar the coder depends on; JavaScript, TypeScript, TSX, HTML and CSS are
// napi's own.
export const PACKAGED_GRAMMARS = [
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

export interface LangPackage {
  libraryPath: string;
  extensions: string[];
  languageSymbol?: string;
  expandoChar?: string;
  metaVarChar?: string;
}

export interface PackagedParser {
  package: string;
  /** The package's own directory (its C sources are under src/). */
  dir: string;
  registration: Omit<LangPackage, 'libraryPath'>;
  /** An existing parser library, when the package ships one for this platform. */
  libraryPath: string | undefined;
  /** Why there is none. */
  missing: string | undefined;
}

const require = createRequire(import.meta.url);

// The names @ast-grep/setup-lang gives its prebuild folders.
const PLATFORM: Record<string, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };
const ARCH: Record<string, string> = { x64: 'X64', arm64: 'ARM64' };

export function packagedParser(name: string): PackagedParser {
  const pkgName = `@ast-grep/lang-${name}`;
  const entry = require.resolve(pkgName);
  const dir = path.dirname(entry);
  const pkg = require(pkgName) as LangPackage;
  const registration = {
    extensions: [...pkg.extensions],
    languageSymbol: pkg.languageSymbol,
    expandoChar: pkg.expandoChar,
    metaVarChar: pkg.metaVarChar,
  };
  let declared: string | undefined;
  try {
    declared = pkg.libraryPath; // a getter that throws when no parser is built for this platform
  } catch {
    declared = undefined;
  }
  // Some packages name a parser.so they never built, and napi aborts the process on a missing
  // library, so every path is checked before it gets anywhere near registerDynamicLanguage.
  if (declared && existsSync(declared)) {
    return { package: pkgName, dir, registration, libraryPath: declared, missing: undefined };
  }
  const os = PLATFORM[process.platform];
  const arch = ARCH[process.arch];
  const prebuild =
    os && arch ? path.join(dir, 'prebuilds', `prebuild-${os}-${arch}`, 'parser.so') : undefined;
  if (prebuild && existsSync(prebuild)) {
    return { package: pkgName, dir, registration, libraryPath: prebuild, missing: undefined };
  }
  return {
    package: pkgName,
    dir,
    registration,
    libraryPath: undefined,
    missing: `${pkgName} ships no parser built for ${process.platform}-${process.arch}`,
  };
}
