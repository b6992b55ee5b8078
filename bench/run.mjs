#!/usr/bin/env node
// Benchmarks of the servers as a client meets them: spawn → `initialize` answered, for each server,
// and the orchestrator's first `status` (which starts its coder) against a repeated one; then
// ast_search and ast_rewrite side by side with the ast-grep CLI (bench/ast-search.mjs), and
// get_codebase_context side by side with the repomix CLI (bench/context.mjs).
// Medians over repeated runs with min and max; run with `npm run bench` (or `just bench`), or only
// the start-up part with `node bench/run.mjs --startup` (at least 15 runs per server either way).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAstSearch } from './ast-search.mjs';
import { benchContext } from './context.mjs';
import { startServer, stats } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(repo, 'examples', 'sample-repo');
const runs = Math.max(15, Number(process.env.BENCH_RUNS ?? 15));
const startupOnly = process.argv.includes('--startup');
// Another built checkout (e.g. a `git worktree` of an older commit) whose servers are spawned in the
// same loop, so both sides meet the same machine load.
const compare = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : undefined;

function spawnServer(entry, checkout = repo) {
  return startServer(path.join(checkout, entry), workspace);
}

async function measure(name, work) {
  const samples = {};
  for (let i = 0; i < runs; i++) {
    const result = await work();
    for (const [key, value] of Object.entries(result)) {
      samples[key] = [...(samples[key] ?? []), value];
    }
  }
  return Object.entries(samples).map(([metric, values]) => ({ name, metric, ...stats(values) }));
}

/** Spawn → initialize of the BENCH_COMPARE checkout's server, when one is given. */
async function compared(entry) {
  if (!compare) return {};
  const { client, initializeMs } = await spawnServer(entry, compare);
  await client.close();
  return { 'spawn → initialize, BENCH_COMPARE checkout': initializeMs };
}

const loadBefore = os.loadavg()[0];
const rows = [
  ...(await measure('tandem-coder', async () => {
    const { client, initializeMs } = await spawnServer('apps/coder/dist/main.js');
    const started = performance.now();
    await client.listTools();
    const firstList = performance.now() - started;
    await client.close();
    return {
      'spawn → initialize': initializeMs,
      'first tools/list': firstList,
      ...(await compared('apps/coder/dist/main.js')),
    };
  })),
  ...(await measure('tandem-orchestrator', async () => {
    const { client, initializeMs } = await spawnServer('apps/orchestrator/dist/main.js');
    let started = performance.now();
    await client.listTools();
    const firstList = performance.now() - started;
    started = performance.now();
    await client.callTool({ name: 'status', arguments: {} });
    const firstStatus = performance.now() - started;
    started = performance.now();
    await client.callTool({ name: 'status', arguments: {} });
    const warmStatus = performance.now() - started;
    await client.close();
    return {
      'spawn → initialize': initializeMs,
      'first tools/list': firstList,
      'first status (starts the coder)': firstStatus,
      'repeated status': warmStatus,
      ...(await compared('apps/orchestrator/dist/main.js')),
    };
  })),
];

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
} catch {
  // not a git checkout
}
if (compare) console.log(`BENCH_COMPARE checkout: ${compare}`);
console.log(
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, commit ${commit}, ` +
    `1-min load ${loadBefore.toFixed(2)} before and ${os.loadavg()[0].toFixed(2)} after, ${runs} runs each, milliseconds\n`,
);
console.log('| server | measurement | median | min | max |');
console.log('|---|---|---:|---:|---:|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.metric} | ${row.median.toFixed(1)} | ${row.min.toFixed(1)} | ${row.max.toFixed(1)} |`,
  );
}
if (startupOnly) process.exit(0);

console.log('\nast_search and ast_rewrite against the ast-grep CLI\n');
await benchAstSearch({ runs: Number(process.env.BENCH_RUNS ?? 7) });

console.log('\nget_codebase_context against the repomix CLI\n');
await benchContext({ runs: Number(process.env.BENCH_RUNS ?? 5) });
