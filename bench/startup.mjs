// Start-up of the servers as a client meets them: spawn → `initialize` answered and the first
// `tools/list`, for each server, and the orchestrator's first `status` (which starts its coder)
// against a repeated one, on examples/sample-repo. BENCH_COMPARE=<another built checkout> (e.g. a
// `git worktree` of an older commit) spawns that checkout's servers in the same loop, so both sides
// meet the same load. Returns the section for bench/render.mjs.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { progress, sampler, startServer } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.join(repo, 'examples', 'sample-repo');

export const STARTUP_GOAL_MS = 300;
const INITIALIZE = 'spawn → initialize';
const COMPARED = 'spawn → initialize, BENCH_COMPARE checkout';

function spawnServer(entry, checkout = repo) {
  return startServer(path.join(checkout, entry), workspace);
}

async function measure(name, runs, work) {
  const samples = sampler();
  for (let i = 0; i < runs; i++) {
    progress(`startup: ${name}, run ${i + 1} of ${runs}`);
    for (const [metric, ms] of Object.entries(await work())) samples.add(metric, ms);
  }
  const summary = samples.summary();
  return {
    short: name,
    caption: `${name}`,
    rows: Object.entries(summary).map(([metric, stats]) => ({
      label: metric,
      stats,
      ...(metric === INITIALIZE ? { goal: { max: STARTUP_GOAL_MS } } : {}),
      ...(metric === COMPARED ? { ratio: { to: INITIALIZE, name: 'this checkout' } } : {}),
    })),
  };
}

export async function benchStartup({ runs = 15, compare } = {}) {
  /** Spawn → initialize of the BENCH_COMPARE checkout's server, when one is given. */
  async function compared(entry) {
    if (!compare) return {};
    const { client, initializeMs } = await spawnServer(entry, compare);
    await client.close();
    return { [COMPARED]: initializeMs };
  }
  const tables = [
    await measure('tandem-coder', runs, async () => {
      const { client, initializeMs } = await spawnServer('apps/coder/dist/main.js');
      const started = performance.now();
      await client.listTools();
      const firstList = performance.now() - started;
      await client.close();
      return {
        [INITIALIZE]: initializeMs,
        'first tools/list': firstList,
        ...(await compared('apps/coder/dist/main.js')),
      };
    }),
    await measure('tandem-orchestrator', runs, async () => {
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
        [INITIALIZE]: initializeMs,
        'first tools/list': firstList,
        'first status (starts the coder)': firstStatus,
        'repeated status': warmStatus,
        ...(await compared('apps/orchestrator/dist/main.js')),
      };
    }),
  ];
  return {
    section: {
      id: 'startup',
      title: 'Start-up',
      runs,
      tables,
      facts: compare ? [`BENCH_COMPARE checkout: \`${compare}\``] : [],
    },
    memory: [],
  };
}
