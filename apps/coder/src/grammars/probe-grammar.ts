// Loads a grammar library in a throwaway Node process before the server registers it. napi aborts
// the whole process (a Rust panic it cannot unwind) when a library is missing, is not a shared
// library, lacks the language symbol or has an ABI tree-sitter cannot read; a wrong symbol can also
// crash outright. Only a child can take that; the parent reads the outcome from its exit and stderr.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

export interface ProbeSpec {
  libraryPath: string;
  languageSymbol: string;
}

export type ProbeResult = { ok: true } | { ok: false; reason: string };

const PROBE_TIMEOUT_MS = 20_000;

// Runs as `node -e` so it needs no file of its own (the tests run this module from src/, where there
// is no compiled child script to spawn).
const CHILD = `
const [napiPath, libraryPath, languageSymbol] = process.argv.slice(1);
const napi = require(napiPath);
napi.registerDynamicLanguage({ tandem_probe: { libraryPath, languageSymbol, extensions: ['tandem-probe'] } });
const root = napi.parse('tandem_probe', '').root();
process.stdout.write(JSON.stringify({ ok: true, kind: String(root.kind()) }));
`;

const napiPath = createRequire(import.meta.url).resolve('@ast-grep/napi');

/** What napi's panic says, in words a user can act on. */
export function describeProbeFailure(
  spec: ProbeSpec,
  outcome: { status: number | null; signal: string | null; stderr: string; timedOut?: boolean },
): string {
  if (outcome.timedOut) return `loading it did not finish within ${PROBE_TIMEOUT_MS / 1000} s`;
  const panic = /panicked at [^\n]*\n([^\n]+)/.exec(outcome.stderr)?.[1] ?? '';
  const quoted = /source: "((?:[^"\\]|\\.)*)"/.exec(panic)?.[1];
  if (panic.includes('GetLibPath')) return `no file at ${spec.libraryPath}`;
  if (panic.includes('OpenLib')) return `not a loadable shared library (${quoted ?? panic})`;
  if (panic.includes('ReadSymbol')) {
    return `it exports no ${spec.languageSymbol} (set language_symbol to the grammar's tree_sitter_<name> function)`;
  }
  const version = /IncompatibleVersion\((\d+)\)/.exec(panic)?.[1];
  if (version !== undefined) {
    return `${spec.languageSymbol} did not return a tree-sitter grammar napi can read (ABI version ${version}; tree-sitter here reads 13 to 15)`;
  }
  if (outcome.signal) {
    return `loading it crashed the process (${outcome.signal}): it is probably not a tree-sitter grammar, or ${spec.languageSymbol} is not its language function`;
  }
  const lastLine =
    outcome.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .pop() ?? `exit code ${outcome.status}`;
  return `loading it failed: ${panic || lastLine}`;
}

/** Registers the library with napi and parses an empty text in a child process. */
export function probeGrammar(spec: ProbeSpec): ProbeResult {
  const child = spawnSync(process.execPath, ['-e', CHILD, napiPath, spec.libraryPath, spec.languageSymbol], {
    encoding: 'utf8',
    timeout: PROBE_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RUST_BACKTRACE: '0' },
  });
  if (child.status === 0 && child.stdout.startsWith('{"ok":true')) return { ok: true };
  const timedOut = (child.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (child.error && !timedOut)
    return { ok: false, reason: `the probe could not run: ${child.error.message}` };
  return {
    ok: false,
    reason: describeProbeFailure(spec, {
      status: child.status,
      signal: child.signal,
      stderr: child.stderr ?? '',
      timedOut,
    }),
  };
}
