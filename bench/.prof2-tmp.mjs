import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyCorpus } from './corpora.mjs';

const root = mkdtempSync(path.join(os.tmpdir(), 'prof-'));
copyCorpus('gyp', path.join(root, 'gyp'));
mkdirSync(path.join(root, '.tandem'));
writeFileSync(
  path.join(root, '.tandem', 'config.yaml'),
  'rate_limits:\n  default: { per_minute: 1000000, burst: 100000 }\n',
);
const { CoderClient } = await import('../apps/orchestrator/dist/coder-client/coder-client.js');
const { delegate } = await import('../apps/orchestrator/dist/coder-client/delegate.js');
const q = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return q;
  },
};
const coder = new CoderClient({
  root,
  entry: path.resolve('apps/coder/dist/main.js'),
  logger: q,
  clientVersion: 'x',
  pingIntervalMs: 0,
});
const ctx = () => ({
  services: { coder },
  identity: { subject: 'b', role: 'developer', transport: 'stdio' },
  signal: new AbortController().signal,
  progress: async () => {},
});
const ARGS = { pattern: '$A.tandem_bench_absent($B)', language: 'python' };
await delegate(ctx(), 'ast_search', ARGS);
const raw = coder.connection.client;
let a = 0,
  b = 0;
for (let i = 0; i < 1500; i++) {
  let t = performance.now();
  await delegate(ctx(), 'ast_search', ARGS);
  a += performance.now() - t;
  t = performance.now();
  await raw.callTool({ name: 'ast_search', arguments: ARGS });
  b += performance.now() - t;
}
console.log('delegate', a / 1500, 'raw', b / 1500);
await coder.close();
