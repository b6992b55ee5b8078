#!/usr/bin/env node
// The benchmarks, all in one run, and docs/benchmarks.md rewritten from their results
// (bench/render.mjs). Parts, in this order:
//   startup     each server's spawn → initialize, first tools/list, the orchestrator's first status
//               (bench/startup.mjs)
//   delegation  a coder tool through the orchestrator against the coder directly (bench/delegation.mjs)
//   ast-search  ast_search and ast_rewrite against the ast-grep CLI (bench/ast-search.mjs)
//   context     get_codebase_context against the repomix CLI (bench/context.mjs)
// plus the peak memory of the servers of the large runs. Usage:
//   npm run bench | just bench         everything; rewrites docs/benchmarks.md
//   node bench/run.mjs --only context  some parts (comma-separated); prints the page
//   node bench/run.mjs --startup       the start-up part only (the same as --only startup)
//   --no-write                         print the page instead of writing it
//   --from <results.json>              render the page from a run's kept results, measuring nothing
//                                      (every run keeps them in bench/.results/latest.json)
//   BENCH_OUT=<file>                   write the page there (also for a subset)
//   BENCH_RUNS=N                       runs per part (start-up at least 15; defaults 15, 7, 5)
//   BENCH_CALLS=N                      delegation calls per side (default 500)
//   BENCH_COMPARE=<checkout>           also start another built checkout's servers (start-up)
// Progress goes to stderr.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { astGrepVersions, benchAstSearch } from './ast-search.mjs';
import { benchContext, repomixVersion } from './context.mjs';
import { describeCorpus, PACKAGES, packageDir } from './corpora.mjs';
import { benchDelegation } from './delegation.mjs';
import { renderPage } from './render.mjs';
import { benchStartup } from './startup.mjs';
import { progress, versionOf } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PARTS = ['startup', 'delegation', 'ast-search', 'context'];

function parseArguments(argv) {
  let only;
  let write = true;
  let from;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--from') from = argv[++i];
    else if (arg === '--startup') only = ['startup'];
    else if (arg === '--no-write') write = false;
    else if (arg === '--only') only = (argv[++i] ?? '').split(',');
    else if (arg.startsWith('--only=')) only = arg.slice('--only='.length).split(',');
    else throw new Error(`unknown argument ${arg}; see the comment at the top of bench/run.mjs`);
  }
  const unknown = (only ?? []).filter((part) => !PARTS.includes(part));
  if (unknown.length) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  if (from === '') throw new Error('--from needs a results file');
  return { parts: only ?? PARTS, subset: only !== undefined, write, from };
}

function envNumber(name) {
  const value = process.env[name];
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${name} must be a positive integer`);
  return number;
}

function commitOf() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
    // The page this run rewrites does not count: a second run would otherwise call itself dirty.
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!docs/benchmarks.md'],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    ).trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function osName() {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty}, ${os.type()} ${os.release()} ${os.arch()}`;
  } catch {
    // no /etc/os-release (macOS, Windows)
  }
  return `${os.type()} ${os.release()} ${os.arch()}`;
}

function commandLine(argv) {
  const env = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  const base = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node bench/run.mjs';
  const args = process.env.npm_lifecycle_event === 'bench' && argv.length ? ['--', ...argv] : argv;
  return [...env, base, ...args].join(' ');
}

function sdkVersion() {
  const require = createRequire(path.join(repo, 'apps', 'orchestrator', 'package.json'));
  const main = realpathSync(require.resolve('@modelcontextprotocol/sdk/client/index.js'));
  let dir = path.dirname(main);
  while (path.basename(dir) !== 'sdk' && dir !== path.dirname(dir)) dir = path.dirname(dir);
  return versionOf(dir);
}

const argv = process.argv.slice(2);
const { parts, subset, write, from } = parseArguments(argv);
const runs = envNumber('BENCH_RUNS');
const calls = envNumber('BENCH_CALLS') ?? 500;
const compare = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : undefined;
const out = process.env.BENCH_OUT
  ? path.resolve(process.env.BENCH_OUT)
  : write && !subset
    ? path.join(repo, 'docs', 'benchmarks.md')
    : undefined;

/** Runs the parts and returns `{ header, sections }` for the renderer. */
async function measure() {
  // Fetched before the clock and the load readings start.
  for (const name of Object.keys(PACKAGES)) packageDir(name);

  const started = performance.now();
  const loadBefore = os.loadavg();
  const sections = [];
  const memory = [];
  const runCounts = {};
  for (const part of parts) {
    let result;
    if (part === 'startup') {
      runCounts.startup = Math.max(15, runs ?? 15);
      result = await benchStartup({ runs: runCounts.startup, compare });
    } else if (part === 'delegation') {
      runCounts.delegation = `${calls} calls per side (a), ${calls * 2} (b)`;
      result = await benchDelegation({ calls });
    } else if (part === 'ast-search') {
      runCounts['ast-search'] = runs ?? 7;
      result = await benchAstSearch({ runs: runCounts['ast-search'] });
    } else {
      runCounts.context = runs ?? 5;
      result = await benchContext({ runs: runCounts.context });
    }
    sections.push(result.section);
    memory.push(...result.memory);
  }
  if (parts.includes('ast-search') || parts.includes('context')) {
    sections.push({
      id: 'memory',
      title: 'Peak memory of the servers',
      tables: memory.length ? [{ unit: 'MB', rows: memory }] : [],
    });
  }
  const loadAfter = os.loadavg();

  const versions = {
    Node: process.version,
    commit: commitOf(),
    ...astGrepVersions(),
    repomix: repomixVersion(),
    'MCP SDK': sdkVersion(),
  };
  const results = {
    header: {
      date: new Date()
        .toISOString()
        .replace(/\.\d+Z$/, ' UTC')
        .replace('T', ' '),
      command: commandLine(argv),
      durationS: (performance.now() - started) / 1000,
      machine: {
        cpu: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
        cores: os.cpus().length,
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        os: osName(),
      },
      load: { before: loadBefore, after: loadAfter },
      versions,
      corpora: Object.keys(PACKAGES).map(describeCorpus),
      runs: runCounts,
    },
    sections,
  };
  const kept = path.join(repo, 'bench', '.results');
  mkdirSync(kept, { recursive: true });
  writeFileSync(path.join(kept, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

const results = from ? JSON.parse(readFileSync(path.resolve(from), 'utf8')) : await measure();
const page = renderPage(results);
if (out) {
  writeFileSync(out, page);
  progress(`wrote ${path.relative(process.cwd(), out) || out}`);
} else {
  process.stdout.write(page);
}
