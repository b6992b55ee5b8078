#!/usr/bin/env node
// get_codebase_context side by side with the repomix CLI, in the same run on the same files: three's
// src (fetched and pinned by bench/corpora.mjs), copied to a temporary directory.
// Each run measures
//   - the CLI: `repomix <dir> -o <temp file> --quiet --no-git-sort-by-changes -i '.tandem/**'`
//     (node_modules/.bin/repomix of @tandem/orchestrator, the same repomix 1.18.1; its secret check
//     on, as ours), process spawn to exit;
//   - the built orchestrator over stdio (the MCP SDK client), with no kept packs: spawn → initialize,
//     then the first get_codebase_context (the call alone: it imports Repomix, hashes the files, packs);
//   - the first call of another fresh server left idle for 3 s after initialize (its background warm-up
//     has imported Repomix and the tokenizer by then, as it would have before an agent's first call);
//   - a cache miss in that running server: one file changed, the same call again (packs again);
//   - the warm repeat: the same call once more, nothing changed (served from the cache);
//   - the orchestrator's peak memory (VmHWM) just before it is closed.
// Two budgets: one the full pack fits (the same work as the CLI, plus sending it back over stdio),
// and the default 30000 (the pack, then degradation to fit). The CLI and the server alternate
// within a run, so they share the machine's load; both share Repomix's token-count cache in the OS
// temp directory, as any two runs on one machine do. Returns the section for bench/render.mjs;
// `node bench/run.mjs --only context` runs it alone.
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyCorpus, describeCorpus } from './corpora.mjs';
import { peakMemoryMb, progress, sampler, startServer, versionOf } from './support.mjs';

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

export function repomixVersion() {
  return versionOf(
    path.dirname(realpathSync(path.join(orchestratorDir, 'node_modules', 'repomix', 'package.json'))),
  );
}

const COLD = 'first call alone (cold: imports Repomix, hashes, packs)';
const PAUSED = 'first call, 3 s after initialize (warm-up done)';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs both budgets `runs` times; returns the page section and the orchestrator's peak memory. */
export async function benchContext({ runs = 5 } = {}) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-context-'));
  const root = path.join(temp, 'three');
  const outFile = path.join(temp, 'repomix-output.xml');
  copyCorpus('three', root);
  const touched = path.join(root, 'constants.js');
  const cliArgs = [root, '-o', outFile, '--quiet', '--no-git-sort-by-changes', '-i', '.tandem/**'];
  const tables = [];
  const memory = [];
  try {
    for (const budget of BUDGETS) {
      const times = sampler();
      const peaks = sampler();
      let shape;
      for (let i = 0; i < runs; i++) {
        progress(`context: ${budget.label}, run ${i + 1} of ${runs}`);
        times.add('CLI', await timeCli(cliArgs, temp));

        rmSync(path.join(root, '.tandem'), { recursive: true, force: true });
        const server = await startOrchestrator(root);
        const args = { token_budget: budget.token_budget };
        const first = await timeCall(server.client, args);
        if (first.result.cached) throw new Error('the first call was served from a cache');
        times.add('first call: spawn + initialize + call', server.initializeMs + first.ms);
        times.add(COLD, first.ms);
        appendFileSync(touched, `\n// bench ${i}\n`);
        const miss = await timeCall(server.client, args);
        if (miss.result.cached) throw new Error('a changed file was served from the cache');
        times.add('cache miss in a running server (one file changed)', miss.ms);
        const warm = await timeCall(server.client, args);
        if (!warm.result.cached) throw new Error('the repeat was not served from the cache');
        times.add('warm repeat (cached)', warm.ms);
        const peak = peakMemoryMb(server.transport.pid);
        if (peak !== undefined) peaks.add('peak', peak);
        await server.client.close();
        shape = first.result;

        rmSync(path.join(root, '.tandem'), { recursive: true, force: true });
        const idle = await startOrchestrator(root);
        await sleep(3000);
        const paused = await timeCall(idle.client, args);
        if (paused.result.cached) throw new Error('the first call was served from a cache');
        times.add(PAUSED, paused.ms);
        await idle.client.close();
      }
      const s = times.summary();
      const vsCli = { to: 'CLI', name: 'CLI' };
      tables.push({
        short: budget.label.replace(/ \(.*/, ''),
        caption:
          `${budget.label}: ${shape.total_files} files, full pack ${shape.full_tokens} tokens; returned ` +
          `\`${shape.step}\`, ${shape.tokens} tokens, ${shape.included_files} files`,
        rows: [
          {
            key: 'CLI',
            label: `CLI \`repomix three ${cliArgs.slice(1).join(' ')}\``.replace(outFile, '<temp>'),
            stats: s.CLI,
          },
          {
            label: 'first call: spawn + initialize + call',
            stats: s['first call: spawn + initialize + call'],
            ratio: vsCli,
          },
          { label: COLD, stats: s[COLD], ratio: vsCli, goal: { ratio: 1.0 } },
          { label: PAUSED, stats: s[PAUSED], ratio: vsCli },
          {
            label: 'cache miss in a running server (one file changed)',
            stats: s['cache miss in a running server (one file changed)'],
            ratio: vsCli,
          },
          {
            label: 'warm repeat (cached)',
            stats: s['warm repeat (cached)'],
            ratio: { to: COLD, name: 'cold' },
            goal: { ratio: 0.2 },
          },
        ],
      });
      const peak = peaks.summary().peak;
      if (peak)
        memory.push({
          label: `orchestrator after the three get_codebase_context calls, ${budget.label}`,
          stats: peak,
        });
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return {
    section: {
      id: 'context',
      title: 'get_codebase_context against the repomix CLI',
      runs,
      corpora: [describeCorpus('three')],
      tables,
    },
    memory,
  };
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await benchContext({ runs: Number(process.env.BENCH_RUNS ?? 5) }), null, 2));
}
