// The coder's grammar build (scripts/build-grammars.mjs runs it after tsc): compiles every grammar in
// SOURCE_GRAMMARS, and the C sources of any @ast-grep/lang-* package that has no parser for this
// platform, a few at a time. Safe to run again: unchanged grammars are skipped.

import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { type BuildRecord, GRAMMARS_DIR, SOURCE_GRAMMARS } from './built-grammars.js';
import { type CompileJob, type CompileOutcome, compileGrammar, findCompiler } from './compile-grammar.js';
import { PACKAGED_GRAMMARS, packagedParser } from './packaged-grammars.js';

const require = createRequire(import.meta.url);

export interface PlannedBuild {
  job: CompileJob;
  /** Why it cannot even be attempted (its package is not installed). */
  blocked?: string;
}

function packageVersion(packageDir: string): string {
  return (require(path.join(packageDir, 'package.json')) as { version: string }).version;
}

/** The grammars this machine needs compiled, with where their sources are. */
export function planGrammarBuilds(grammarsDir = GRAMMARS_DIR): PlannedBuild[] {
  const plans: PlannedBuild[] = [];
  for (const grammar of SOURCE_GRAMMARS) {
    const outDir = path.join(grammarsDir, grammar.name);
    const job = { name: grammar.name, languageSymbol: grammar.languageSymbol, outDir };
    try {
      const dir = path.dirname(require.resolve(`${grammar.package}/package.json`));
      const from = `${grammar.package}@${packageVersion(dir)}`;
      plans.push({ job: { ...job, from, srcDir: path.join(dir, 'src') } });
    } catch {
      plans.push({
        job: { ...job, from: grammar.package, srcDir: '' },
        blocked: `${grammar.package} is not installed: run pnpm install`,
      });
    }
  }
  for (const name of PACKAGED_GRAMMARS) {
    const parser = packagedParser(name);
    if (parser.libraryPath) continue;
    plans.push({
      job: {
        name,
        from: `${parser.package}@${packageVersion(parser.dir)}`,
        srcDir: path.join(parser.dir, 'src'),
        languageSymbol: parser.registration.languageSymbol ?? `tree_sitter_${name}`,
        outDir: path.join(grammarsDir, name),
      },
    });
  }
  return plans;
}

export interface BuildResult extends CompileOutcome {
  name: string;
}

/** Runs the plan with at most `parallel` compilers at once; logs one line per grammar. */
export async function buildGrammars(
  options: { grammarsDir?: string; parallel?: number; log?: (line: string) => void } = {},
): Promise<BuildResult[]> {
  const plans = planGrammarBuilds(options.grammarsDir);
  const compiler = findCompiler();
  const parallel = Math.max(1, options.parallel ?? availableParallelism());
  const results: BuildResult[] = [];
  const queue = [...plans];
  const worker = async () => {
    for (let plan = queue.shift(); plan; plan = queue.shift()) {
      const outcome = plan.blocked
        ? await compileGrammar(plan.job, { error: plan.blocked })
        : await compileGrammar(plan.job, compiler);
      results.push({ name: plan.job.name, ...outcome });
      options.log?.(describe(plan.job.name, outcome.record, outcome.skipped));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, plans.length) }, worker));
  return results;
}

function describe(name: string, record: BuildRecord, skipped: boolean): string {
  if (!record.ok) return `${name}: not built: ${record.error}`;
  if (skipped) return `${name}: up to date (${record.from})`;
  return `${name}: built from ${record.from} in ${record.seconds} s`;
}
