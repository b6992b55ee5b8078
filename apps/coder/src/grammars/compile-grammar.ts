// Compiles one tree-sitter grammar's C sources (src/parser.c, src/scanner.c) into a shared library
// with the machine's C compiler, the way `tree-sitter build` does but without needing its CLI. A
// build whose sources, compiler and flags hash the same as the last good one is skipped.
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type BuildRecord, RECORD_FILE, RECORD_FORMAT } from './built-grammars.js';
import { probeGrammar } from './probe-grammar.js';

const execFileAsync = promisify(execFile);

export interface CompileJob {
  name: string;
  /** What is compiled, e.g. "tree-sitter-nix@0.0.2"; recorded and shown by list_languages. */
  from: string;
  /** The grammar's src/ folder. */
  srcDir: string;
  languageSymbol: string;
  /** Where parser.so and build.json go. */
  outDir: string;
}

export interface Compiler {
  command: string;
  /** First line of `--version`: part of the cache key. */
  identity: string;
}

export interface CompileOutcome {
  record: BuildRecord;
  skipped: boolean;
}

const LIBRARY = process.platform === 'win32' ? 'parser.dll' : 'parser.so';
const FLAGS = ['-shared', '-fPIC', '-O2'];
const COMPILE_TIMEOUT_MS = 5 * 60_000;

/** The first C compiler that answers `--version`: $CC, then cc, gcc, clang. */
export function findCompiler(
  env: NodeJS.ProcessEnv = process.env,
  fallbacks: readonly string[] = ['cc', 'gcc', 'clang'],
): Compiler | { error: string } {
  const candidates = [...new Set([env.CC, ...fallbacks].filter((c): c is string => Boolean(c)))];
  for (const command of candidates) {
    const probe = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    if (probe.status === 0) {
      return { command, identity: `${command}: ${probe.stdout.split('\n')[0]?.trim() ?? ''}` };
    }
  }
  return {
    error:
      `no C compiler found (tried ${candidates.join(', ')}): install one (e.g. apt-get install gcc) ` +
      `and rebuild the coder (pnpm --filter @tandem/coder build)`,
  };
}

function sourceFiles(srcDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(c|cc|h)$/.test(entry.name)) files.push(full);
    }
  };
  walk(srcDir);
  return files.sort();
}

function hashOf(job: CompileJob, compiler: Compiler): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([RECORD_FORMAT, compiler.identity, FLAGS, job.languageSymbol]));
  for (const file of sourceFiles(job.srcDir)) {
    hash.update(path.relative(job.srcDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function readRecord(outDir: string): BuildRecord | undefined {
  try {
    return JSON.parse(readFileSync(path.join(outDir, RECORD_FILE), 'utf8')) as BuildRecord;
  } catch {
    return undefined;
  }
}

function writeRecord(outDir: string, record: BuildRecord): void {
  mkdirSync(outDir, { recursive: true });
  const temp = path.join(outDir, `${RECORD_FILE}.${process.pid}.tmp`);
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(temp, path.join(outDir, RECORD_FILE));
}

function compilerMessage(error: unknown): string {
  const failed = error as { stderr?: string; killed?: boolean; code?: unknown; message?: string };
  if (failed.killed) return `the compiler did not finish within ${COMPILE_TIMEOUT_MS / 1000} s`;
  const lines = (failed.stderr ?? '').split('\n').filter((line) => line.trim());
  const errors = lines.filter((line) => /error/i.test(line));
  const shown = (errors.length > 0 ? errors : lines).slice(0, 5).join(' | ');
  return shown || failed.message || String(error);
}

/**
 * Builds `job` unless the last good build has the same hash. Never throws for a grammar that cannot be
 * built: the record says why, and the coder reports that language unavailable with that reason.
 */
export async function compileGrammar(
  job: CompileJob,
  compiler: Compiler | { error: string },
): Promise<CompileOutcome> {
  const base = { format: RECORD_FORMAT, name: job.name, from: job.from, language_symbol: job.languageSymbol };
  const fail = (error: string, extra: Partial<BuildRecord> = {}): CompileOutcome => {
    rmSync(path.join(job.outDir, LIBRARY), { force: true });
    const record: BuildRecord = { ...base, ...extra, ok: false, error };
    writeRecord(job.outDir, record);
    return { record, skipped: false };
  };

  if ('error' in compiler) return fail(compiler.error);
  const parser = path.join(job.srcDir, 'parser.c');
  if (!existsSync(parser)) return fail(`${job.from} has no ${parser} to compile`);
  if (existsSync(path.join(job.srcDir, 'scanner.cc'))) {
    return fail(`${job.from} has a C++ scanner (src/scanner.cc), which this build does not compile`);
  }

  const hash = hashOf(job, compiler);
  const previous = readRecord(job.outDir);
  if (
    previous?.ok &&
    previous.hash === hash &&
    previous.library &&
    existsSync(path.join(job.outDir, previous.library))
  ) {
    return { record: previous, skipped: true };
  }

  mkdirSync(job.outDir, { recursive: true });
  const sources = [parser, path.join(job.srcDir, 'scanner.c')].filter((file) => existsSync(file));
  const temp = path.join(job.outDir, `${LIBRARY}.${process.pid}.tmp`);
  const started = performance.now();
  try {
    await execFileAsync(compiler.command, [...FLAGS, '-I', job.srcDir, ...sources, '-o', temp], {
      timeout: COMPILE_TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    rmSync(temp, { force: true });
    return fail(`compiling ${job.from} failed: ${compilerMessage(error)}`, {
      hash,
      compiler: compiler.identity,
    });
  }
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  // A library napi cannot load would abort the server later; find out now, in a child.
  const probe = probeGrammar({ libraryPath: temp, languageSymbol: job.languageSymbol });
  if (!probe.ok) {
    rmSync(temp, { force: true });
    return fail(`the library built from ${job.from} does not load: ${probe.reason}`, {
      hash,
      compiler: compiler.identity,
    });
  }
  renameSync(temp, path.join(job.outDir, LIBRARY));
  const record: BuildRecord = {
    ...base,
    ok: true,
    library: LIBRARY,
    hash,
    compiler: compiler.identity,
    seconds,
  };
  writeRecord(job.outDir, record);
  return { record, skipped: false };
}
