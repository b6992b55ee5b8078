#!/usr/bin/env node
// get_codebase_context side by side with the repomix CLI, in the same run on the same files: three's
// src (the npm package pinned as a devDependency of @tandem/coder), copied to a temporary directory.
// Each run measures
//   - the CLI: `repomix <dir> -o <temp file> --quiet --no-git-sort-by-changes -i '.tandem/**'`
//     (node_modules/.bin/repomix of @tandem/orchestrator, the same repomix 1.18.1; its secret check
//     on, as ours), process spawn to exit;
//   - the built orchestrator over stdio (the MCP SDK client), with no kept packs: spawn → initialize,
//     then the first get_codebase_context (the call alone: it imports Repomix, hashes the files, packs);
//   - a cache miss in that running server: one file changed, the same call again (packs again);
//   - the warm repeat: the same call once more, nothing changed (served from the cache).
// Two budgets: one the full pack fits (the same work as the CLI, plus sending it back over stdio),
// and the default 30000 (the pack, then degradation to fit). The CLI and the server alternate
// within a run, so they share the machine's load; both share Repomix's token-count cache in the OS
// temp directory, as any two runs on one machine do. Medians over BENCH_RUNS runs (default 5) with
// min and max, in milliseconds; ratios are of medians.
// Run alone with `node bench/context.mjs`, or as part of `npm run bench`.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, stats, versionOf } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const orchestratorDir = path.join(repo, 'apps', 'orchestrator');
const orchestratorMain = path.join(orchestratorDir, 'dist', 'main.js');
const repomixBin = path.join(orchestratorDir, 'node_modules', '.bin', 'repomix');

function timeCli(args, cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(repomixBin, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`repomix ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(performance.now() - started);
    });
  });
}

function startOrchestrator(root) {
  return startServer(orchestratorMain, root);
}

async function timeCall(client, args) {
  const started = performance.now();
  const result = await client.callTool({ name: 'get_codebase_context', arguments: args }, undefined, {
    timeout: 600_000,
  });
  const ms = performance.now() - started;
  if (result.isError) throw new Error(`get_codebase_context failed: ${result.content?.[0]?.text}`);
  return { ms, result: result.structuredContent };
}

const BUDGETS = [
  { label: 'token_budget 2000000 (the full pack fits)', token_budget: 2_000_000 },
  { label: 'token_budget 30000 (default: degrades)', token_budget: 30_000 },
];

export async function benchContext({ runs = Number(process.env.BENCH_RUNS ?? 5), log = console.log } = {}) {
  const threeDir = realpathSync(path.join(repo, 'apps', 'coder', 'node_modules', 'three'));
  const repomixVersion = versionOf(
    path.dirname(realpathSync(path.join(orchestratorDir, 'node_modules', 'repomix', 'package.json'))),
  );
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-context-'));
  const root = path.join(temp, 'three');
  const outFile = path.join(temp, 'repomix-output.xml');
  cpSync(path.join(threeDir, 'src'), root, { recursive: true });
  const touched = path.join(root, 'constants.js');
  const fmt = (load) => load.map((n) => n.toFixed(2)).join(' ');
  log(
    `repomix ${repomixVersion} (CLI and library), Node ${process.version}, ${os.cpus().length} cores; ` +
      `three@${versionOf(threeDir)} src/; ${runs} runs each, milliseconds; ratio = median ÷ median. ` +
      `Load average at the start: ${fmt(os.loadavg())}.`,
  );
  const cliArgs = [root, '-o', outFile, '--quiet', '--no-git-sort-by-changes', '-i', '.tandem/**'];
  try {
    for (const budget of BUDGETS) {
      const samples = {};
      const add = (metric, ms) => {
        samples[metric] = [...(samples[metric] ?? []), ms];
      };
      let shape;
      for (let i = 0; i < runs; i++) {
        add('CLI', await timeCli(cliArgs, temp));

        rmSync(path.join(root, '.tandem'), { recursive: true, force: true });
        const server = await startOrchestrator(root);
        const args = { token_budget: budget.token_budget };
        const first = await timeCall(server.client, args);
        if (first.result.cached) throw new Error('the first call was served from a cache');
        add('first call: spawn + initialize + call', server.initializeMs + first.ms);
        add('first call alone (cold: imports Repomix, hashes, packs)', first.ms);
        appendFileSync(touched, `\n// bench ${i}\n`);
        const miss = await timeCall(server.client, args);
        if (miss.result.cached) throw new Error('a changed file was served from the cache');
        add('cache miss in a running server (one file changed)', miss.ms);
        const warm = await timeCall(server.client, args);
        if (!warm.result.cached) throw new Error('the repeat was not served from the cache');
        add('warm repeat (cached)', warm.ms);
        await server.client.close();
        shape = first.result;
      }
      const s = Object.fromEntries(Object.entries(samples).map(([m, v]) => [m, stats(v)]));
      log('');
      log(
        `${budget.label}: ${shape.total_files} files, full pack ${shape.full_tokens} tokens; returned ` +
          `${shape.step}, ${shape.tokens} tokens, ${shape.included_files} files`,
      );
      log('');
      log('| measurement | median | min | max | ratio | goal |');
      log('|---|---:|---:|---:|---:|---|');
      const row = (label, stat, ratio = '', goal = '') =>
        log(
          `| ${label} | ${stat.median.toFixed(0)} | ${stat.min.toFixed(0)} | ${stat.max.toFixed(0)} | ${ratio} | ${goal} |`,
        );
      const ratio = (a, b) => `${(s[a].median / s[b].median).toFixed(2)}× ${b === 'CLI' ? 'CLI' : 'cold'}`;
      row(`CLI \`repomix three ${cliArgs.slice(1).join(' ')}\``.replace(outFile, '<temp>'), s.CLI);
      row(
        'first call: spawn + initialize + call',
        s['first call: spawn + initialize + call'],
        ratio('first call: spawn + initialize + call', 'CLI'),
      );
      row(
        'first call alone (cold: imports Repomix, hashes, packs)',
        s['first call alone (cold: imports Repomix, hashes, packs)'],
        ratio('first call alone (cold: imports Repomix, hashes, packs)', 'CLI'),
        '≤ 1.0× CLI',
      );
      row(
        'cache miss in a running server (one file changed)',
        s['cache miss in a running server (one file changed)'],
        ratio('cache miss in a running server (one file changed)', 'CLI'),
      );
      row(
        'warm repeat (cached)',
        s['warm repeat (cached)'],
        ratio('warm repeat (cached)', 'first call alone (cold: imports Repomix, hashes, packs)'),
        '≤ 0.2× cold',
      );
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  log('');
  log(`Load average at the end: ${fmt(os.loadavg())}.`);
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchContext();
}
