// What every benchmark here shares: medians with min and max, package versions, and a server started
// over stdio as a client starts it (spawn → `initialize` answered, timed).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted.at(-1) };
}

export function versionOf(dir) {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
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
  return { client, initializeMs: performance.now() - started };
}
