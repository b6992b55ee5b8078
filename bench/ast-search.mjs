#!/usr/bin/env node
// ast_search and ast_rewrite side by side with the `ast-grep` CLI, in the same run on the same files:
// three's src (JavaScript), rxjs's src (TypeScript) and node-gyp's gyp/pylib (Python), fetched and
// pinned by bench/corpora.mjs, copied to a temporary directory. Per corpus and query, each run measures
//   - the CLI: `ast-grep run -p P -l L --json=compact <dir>` and `ast-grep run -p P -r R -l L <dir>`
//     (a diff on stdout, nothing written), process spawn to exit;
//   - a fresh coder: spawn → initialize answered, then the first ast_search (the call alone);
//   - the same ast_search again in that running server (trees cached);
//   - the first ast_search of another fresh coder left idle for 3 s after initialize (its background
//     warm-up has parsed the workspace by then, as it would have before an agent's first search);
//   - a dry-run ast_rewrite: first call in another fresh server, and repeated in that server;
//   - the peak memory (VmHWM) of the searching and the rewriting coder, just before each is closed.
// The CLI and the servers alternate within a run, so they share the machine's load. Returns the
// section for bench/render.mjs; `node bench/run.mjs --only ast-search` runs it alone.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyCorpus, describeCorpus } from './corpora.mjs';
import { peakMemoryMb, progress, sampler, startServer, versionOf } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coderDir = path.join(repo, 'apps', 'coder');
const coderMain = path.join(coderDir, 'dist', 'main.js');

const PLATFORM_PACKAGES = {
  'darwin-arm64': '@ast-grep/cli-darwin-arm64',
  'darwin-x64': '@ast-grep/cli-darwin-x64',
  'linux-arm64': '@ast-grep/cli-linux-arm64-gnu',
  'linux-x64': '@ast-grep/cli-linux-x64-gnu',
  'win32-x64': '@ast-grep/cli-win32-x64-msvc',
};

/** The native `ast-grep` binary of @ast-grep/cli (its postinstall, which would link it, does not run under pnpm). */
function astGrepBinary() {
  const platformPackage = PLATFORM_PACKAGES[`${process.platform}-${process.arch}`];
  if (!platformPackage)
    throw new Error(`@ast-grep/cli ships no binary for ${process.platform}-${process.arch}`);
  const cli = realpathSync(
    createRequire(path.join(coderDir, 'package.json')).resolve('@ast-grep/cli/package.json'),
  );
  const dir = path.dirname(createRequire(cli).resolve(`${platformPackage}/package.json`));
  return path.join(dir, process.platform === 'win32' ? 'ast-grep.exe' : 'ast-grep');
}

/** A dependency of @tandem/coder, as installed (pnpm links it into apps/coder/node_modules). */
function installedDir(name) {
  return realpathSync(path.join(coderDir, 'node_modules', name));
}

export const CORPORA = [
  {
    name: 'three',
    lang: 'javascript',
    cliLang: 'js',
    queries: [
      {
        label: '`$A.set($$$B)` (a word to prefilter on)',
        pattern: '$A.set($$$B)',
        rewrite: '$A.assign($$$B)',
      },
      { label: '`$A ? $B : $C` (every file parsed)', pattern: '$A ? $B : $C', rewrite: '($A) ? $B : $C' },
    ],
  },
  {
    name: 'rxjs',
    lang: 'typescript',
    cliLang: 'ts',
    queries: [
      { label: '`subscriber.next($V)`', pattern: 'subscriber.next($V)', rewrite: 'subscriber.emit($V)' },
      { label: '`$X as $T` (every file parsed)', pattern: '$X as $T', rewrite: '<$T>$X' },
    ],
  },
  {
    name: 'gyp',
    lang: 'python',
    cliLang: 'py',
    queries: [{ label: '`$A.append($B)`', pattern: '$A.append($B)', rewrite: '$A += [$B]' }],
  },
];

/** Wall time of one CLI run, spawn to exit; its output is drained (and counted) as a consumer would. */
function timeCli(binary, args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`ast-grep ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ ms, bytes });
    });
  });
}

function startCoder(root) {
  return startServer(coderMain, root);
}

const WARM_UP_WAIT_MS = 3000;

async function timeCall(client, name, args) {
  const started = performance.now();
  const result = await client.callTool({ name, arguments: args });
  const ms = performance.now() - started;
  if (result.isError) throw new Error(`${name} failed: ${result.content?.[0]?.text}`);
  return { ms, result: result.structuredContent };
}

/** One run of every measurement of one query; returns samples by metric. */
async function runOnce(binary, root, corpus, query) {
  const dir = corpus.name;
  const samples = {};
  const cliSearch = await timeCli(
    binary,
    ['run', '-p', query.pattern, '-l', corpus.cliLang, '--json=compact', dir],
    root,
  );
  samples['CLI search'] = cliSearch.ms;

  const searchArgs = { pattern: query.pattern, language: corpus.lang, paths: [dir] };
  const searcher = await startCoder(root);
  const first = await timeCall(searcher.client, 'ast_search', searchArgs);
  samples['first search: spawn + initialize + call'] = searcher.initializeMs + first.ms;
  samples['first search: call alone'] = first.ms;
  samples['repeated search'] = (await timeCall(searcher.client, 'ast_search', searchArgs)).ms;
  const searcherPeak = peakMemoryMb(searcher.transport.pid);
  await searcher.client.close();

  // How an agent meets the server: its first search comes seconds after start-up, by when the
  // background warm-up has parsed the workspace.
  const idle = await startCoder(root);
  await new Promise((resolve) => setTimeout(resolve, WARM_UP_WAIT_MS));
  samples['first search, 3 s after initialize (warm-up done)'] = (
    await timeCall(idle.client, 'ast_search', searchArgs)
  ).ms;
  await idle.client.close();

  const cliRewrite = await timeCli(
    binary,
    ['run', '-p', query.pattern, '-r', query.rewrite, '-l', corpus.cliLang, '--color', 'never', dir],
    root,
  );
  samples['CLI rewrite (diff)'] = cliRewrite.ms;

  const rewriteArgs = { ...searchArgs, rewrite: query.rewrite };
  const rewriter = await startCoder(root);
  const dry = await timeCall(rewriter.client, 'ast_rewrite', rewriteArgs);
  samples['first dry-run rewrite: spawn + initialize + call'] = rewriter.initializeMs + dry.ms;
  samples['first dry-run rewrite: call alone'] = dry.ms;
  samples['repeated dry-run rewrite'] = (await timeCall(rewriter.client, 'ast_rewrite', rewriteArgs)).ms;
  const rewriterPeak = peakMemoryMb(rewriter.transport.pid);
  await rewriter.client.close();

  return {
    samples,
    memory: { search: searcherPeak, rewrite: rewriterPeak },
    counts: {
      matches: first.result.total_matches,
      changes: dry.result.total_changes,
      files: first.result.files_scanned,
    },
  };
}

const COMPARED = [
  ['first search: spawn + initialize + call', 'CLI search', 1.2],
  ['first search: call alone', 'CLI search'],
  ['first search, 3 s after initialize (warm-up done)', 'CLI search'],
  ['repeated search', 'CLI search', 0.33],
  ['first dry-run rewrite: spawn + initialize + call', 'CLI rewrite (diff)'],
  ['first dry-run rewrite: call alone', 'CLI rewrite (diff)', 1.5],
  ['repeated dry-run rewrite', 'CLI rewrite (diff)', 1.5],
];

const CLI_ROWS = {
  'CLI search': (q, c) => `CLI \`ast-grep run -p '${q.pattern}' -l ${c.cliLang} --json=compact ${c.name}\``,
  'CLI rewrite (diff)': (q, c) =>
    `CLI \`ast-grep run -p '${q.pattern}' -r '${q.rewrite}' -l ${c.cliLang} ${c.name}\``,
};

export function astGrepVersions() {
  const cli = execFileSync(astGrepBinary(), ['--version'], { encoding: 'utf8' }).trim();
  return {
    'ast-grep CLI': cli.replace(/^ast-grep\s+/, ''),
    '@ast-grep/napi': versionOf(installedDir('@ast-grep/napi')),
  };
}

/** Runs every corpus and query `runs` times; returns the page section and the servers' peak memory. */
export async function benchAstSearch({ runs = 7 } = {}) {
  const binary = astGrepBinary();
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-'));
  const tables = [];
  const memory = [];
  try {
    for (const corpus of CORPORA) copyCorpus(corpus.name, path.join(root, corpus.name));
    for (const corpus of CORPORA) {
      for (const query of corpus.queries) {
        const times = sampler();
        const peaks = sampler();
        let counts;
        for (let i = 0; i < runs; i++) {
          progress(`ast-search: ${corpus.name} ${query.pattern}, run ${i + 1} of ${runs}`);
          const once = await runOnce(binary, root, corpus, query);
          counts = once.counts;
          for (const [metric, ms] of Object.entries(once.samples)) times.add(metric, ms);
          for (const [metric, mb] of Object.entries(once.memory)) if (mb !== undefined) peaks.add(metric, mb);
        }
        const summary = times.summary();
        const cliRow = (metric) => ({
          key: metric,
          label: CLI_ROWS[metric](query, corpus),
          stats: summary[metric],
        });
        tables.push({
          short: `${corpus.name} \`${query.pattern}\``,
          caption:
            `${corpus.name} (${describeCorpus(corpus.name)}: ${counts.files} ${corpus.lang} files), ${query.label} → ` +
            `\`${query.rewrite}\`: ${counts.matches} matches, ${counts.changes} changes`,
          rows: [
            ...Object.keys(CLI_ROWS).map(cliRow),
            ...COMPARED.map(([ours, theirs, goal]) => ({
              label: ours,
              stats: summary[ours],
              ratio: { to: theirs, name: 'CLI' },
              ...(goal === undefined ? {} : { goal: { ratio: goal } }),
            })),
          ],
        });
        const peak = peaks.summary();
        const what = `${corpus.name}, \`${query.pattern}\``;
        if (peak.search)
          memory.push({
            label: `coder after the first and repeated ast_search on ${what}`,
            stats: peak.search,
          });
        if (peak.rewrite)
          memory.push({
            label: `coder after the two dry-run ast_rewrite calls on ${what}`,
            stats: peak.rewrite,
          });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return {
    section: {
      id: 'ast-search',
      title: 'ast_search and ast_rewrite against the ast-grep CLI',
      runs,
      corpora: CORPORA.map((corpus) => describeCorpus(corpus.name)),
      tables,
    },
    memory,
  };
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchAstSearch({ runs: Number(process.env.BENCH_RUNS ?? 7) }), null, 2));
}
