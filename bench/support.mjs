// What every benchmark here shares: medians with min and max, percentiles, package versions, a
// server started over stdio as a client starts it (spawn → `initialize` answered, timed), its peak
// memory, and progress on stderr (stdout is left to `--no-write`, which prints the page).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

function sortedCopy(samples) {
  return [...samples].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of already sorted samples. */
function rank(sorted, p) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function stats(samples) {
  const sorted = sortedCopy(samples);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1), n: sorted.length };
}

export function percentiles(samples) {
  const sorted = sortedCopy(samples);
  return { ...stats(sorted), p50: stats(sorted).median, p90: rank(sorted, 90), p99: rank(sorted, 99) };
}

/** Samples gathered by metric over repeated runs: `add(metric, value)`, then `summary()`. */
export function sampler() {
  const samples = {};
  return {
    add(metric, value) {
      samples[metric] = [...(samples[metric] ?? []), value];
    },
    summary() {
      return Object.fromEntries(Object.entries(samples).map(([metric, values]) => [metric, stats(values)]));
    },
  };
}

export function versionOf(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

export function progress(message) {
  process.stderr.write(`bench: ${message}\n`);
}

/** Starts the server at `entry` (a built dist/main.js) on `root`; resolves once it answered initialize. */
export async function startServer(entry, root) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry, '--root', root],
    stderr: 'ignore',
    env: { ...process.env, TANDEM_LOG_LEVEL: 'error' },
  });
  const client = new Client({ name: 'tandem-bench', version: '1.0.0' });
  const started = performance.now();
  await client.connect(transport);
  return { client, transport, initializeMs: performance.now() - started };
}

/**
 * The peak resident set (VmHWM) of process `pid` in MB, from /proc; undefined where there is no
 * /proc (macOS, Windows). Read just before the server is closed, after its large calls.
 */
export function peakMemoryMb(pid) {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : undefined;
  } catch {
    return undefined;
  }
}
