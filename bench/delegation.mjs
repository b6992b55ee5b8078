#!/usr/bin/env node
// What delegating costs: a coder tool called through the orchestrator against the same call made to
// the coder directly, measured two ways on node-gyp's gyp/pylib (bench/corpora.mjs) in a temporary
// directory, with an ast_search pattern that matches nothing (a word no file contains), so the
// coder's own work is a walk and a stat per file and the difference is the delegation:
//
// (a) End to end, over stdio as a client meets both: the built orchestrator's `code_search` (which,
//     for no matches, makes exactly one delegated ast_search and no symbol lookups:
//     search/enclosing-symbols.ts returns before its lookups; counted from the coder's audit after
//     the run) against `ast_search` with the same arguments sent to a coder this script spawned on the
//     same directory. Calls alternate (the order flips every pair), after a warm-up; added latency =
//     p50 and p99 of one distribution minus the other's, and the p50/p99 of the pairwise differences.
// (b) The orchestrator's delegation layer alone, in this process: delegate() of the built
//     apps/orchestrator/dist/coder-client against a real coder, alternating with the same call sent
//     straight through the MCP client that CoderClient holds (the same connection and coder process),
//     so the difference is what delegate() and CoderClient.call add: argument and result checks,
//     identity `_meta`, progress and cancellation wiring.
// Returns the section for bench/render.mjs; `node bench/run.mjs --only delegation` runs it alone.
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyCorpus, describeCorpus } from './corpora.mjs';
import { percentiles, progress, startServer } from './support.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const orchestratorDist = path.join(repo, 'apps', 'orchestrator', 'dist');
const coderMain = path.join(repo, 'apps', 'coder', 'dist', 'main.js');

const ARGS = { pattern: '$A.tandem_bench_absent($B)', language: 'python' };
const WARM_UP = 50;

async function timed(call) {
  const started = performance.now();
  const result = await call();
  const ms = performance.now() - started;
  if (result.isError) throw new Error(`call failed: ${JSON.stringify(result.content)}`);
  return ms;
}

/** Runs `a` and `b` alternately `count` times (the order flips every pair) after a warm-up. */
async function alternate(count, a, b) {
  for (let i = 0; i < WARM_UP; i++) {
    await a();
    await b();
  }
  const as = [];
  const bs = [];
  for (let i = 0; i < count; i++) {
    if (i % 2) {
      bs.push(await timed(b));
      as.push(await timed(a));
    } else {
      as.push(await timed(a));
      bs.push(await timed(b));
    }
  }
  return { as, bs };
}

function addedRows(prefix, [throughLabel, directLabel], through, direct, goal) {
  const t = percentiles(through);
  const d = percentiles(direct);
  const pairwise = percentiles(through.map((ms, i) => ms - direct[i]));
  return [
    { label: `${prefix} ${throughLabel}`, stats: t },
    { label: `${prefix} ${directLabel}`, stats: d },
    {
      label: `${prefix} added latency (p50 − p50, p99 − p99)`,
      stats: { p50: t.p50 - d.p50, p99: t.p99 - d.p99, n: t.n },
      ...(goal ? { goal: { p50: goal } } : {}),
    },
    { label: `${prefix} added latency, pairwise differences`, stats: pairwise },
  ];
}

/** Delegated ast_search records in the coder's audit, and code_search records in the orchestrator's. */
function auditCounts(root) {
  const dir = path.join(root, '.tandem', 'audit');
  const counts = { delegated: 0, codeSearch: 0 };
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const record = JSON.parse(line);
      if (record.tool === 'code_search') counts.codeSearch += 1;
      if (record.tool === 'ast_search' && record.identity?.on_behalf_of) counts.delegated += 1;
    }
  }
  return counts;
}

async function endToEnd(root, calls) {
  const orchestrator = await startServer(path.join(repo, 'apps', 'orchestrator', 'dist', 'main.js'), root);
  const coder = await startServer(coderMain, root);
  try {
    const { as, bs } = await alternate(
      calls,
      () => orchestrator.client.callTool({ name: 'code_search', arguments: ARGS }),
      () => coder.client.callTool({ name: 'ast_search', arguments: ARGS }),
    );
    const check = await orchestrator.client.callTool({ name: 'code_search', arguments: ARGS });
    if (check.structuredContent?.total_matches !== 0)
      throw new Error('the delegation pattern matched something');
    return { through: as, direct: bs };
  } finally {
    await orchestrator.client.close();
    await coder.client.close();
  }
}

const quietLogger = {
  error: (message) => process.stderr.write(`bench: coder client: ${message}\n`),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

async function inProcess(root, calls) {
  const load = (file) => import(pathToFileURL(path.join(orchestratorDist, 'coder-client', file)).href);
  const { CoderClient } = await load('coder-client.js');
  const { delegate } = await load('delegate.js');
  const coder = new CoderClient({
    root,
    entry: coderMain,
    logger: quietLogger,
    clientVersion: 'bench',
    pingIntervalMs: 0,
  });
  // A context per call, as the seam makes one (each call has its own cancellation signal).
  const context = () => ({
    services: { coder },
    identity: { subject: 'bench', role: 'developer', transport: 'stdio' },
    signal: new AbortController().signal,
    progress: async () => {},
  });
  try {
    await delegate(context(), 'ast_search', ARGS); // starts the coder
    // CoderClient keeps its MCP client in a TypeScript-private field, an ordinary property at run
    // time: calling it directly is the same call on the same connection without the layer.
    const raw = coder.connection?.client;
    if (!raw)
      throw new Error('CoderClient has no connection after a call; bench/delegation.mjs needs updating');
    const { as, bs } = await alternate(
      calls,
      async () => {
        await delegate(context(), 'ast_search', ARGS);
        return {};
      },
      () => raw.callTool({ name: 'ast_search', arguments: ARGS }),
    );
    return { through: as, direct: bs };
  } finally {
    await coder.close();
  }
}

export const DELEGATION_GOAL_MS = 0.5;

export async function benchDelegation({ calls = 500 } = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-bench-delegation-'));
  try {
    copyCorpus('gyp', path.join(root, 'gyp'));
    // Thousands of calls a minute are what the default rate limit exists to stop; raised for the bench.
    mkdirSync(path.join(root, '.tandem'));
    writeFileSync(
      path.join(root, '.tandem', 'config.yaml'),
      'rate_limits:\n  default: { per_minute: 1000000, burst: 100000 }\n',
    );
    progress(`delegation: end to end, ${calls} alternating pairs`);
    const e2e = await endToEnd(root, calls);
    const audited = auditCounts(root);
    if (audited.delegated !== audited.codeSearch)
      throw new Error(
        `${audited.codeSearch} code_search calls made ${audited.delegated} delegated ast_search calls, not one each`,
      );
    progress(`delegation: in process, ${calls * 2} alternating pairs`);
    const layer = await inProcess(root, calls * 2);
    return {
      section: {
        id: 'delegation',
        title: 'Delegation overhead',
        corpora: [describeCorpus('gyp')],
        calls,
        facts: [
          `${audited.codeSearch} code_search calls (warm-up and check included) made ${audited.delegated} delegated ast_search calls, read from the audit logs`,
        ],
        tables: [
          {
            kind: 'percentiles',
            short: '(a) end to end',
            caption: `(a) end to end over stdio, \`code_search\` vs \`ast_search\` with \`${JSON.stringify(ARGS)}\`, ${calls} calls each`,
            rows: addedRows(
              '(a)',
              ['`code_search` through the orchestrator', '`ast_search` straight to a coder'],
              e2e.through,
              e2e.direct,
              DELEGATION_GOAL_MS,
            ),
          },
          {
            kind: 'percentiles',
            short: '(b) in process',
            caption: `(b) in process, \`delegate(…, 'ast_search', …)\` vs the same call on CoderClient's own MCP client, ${calls * 2} calls each`,
            rows: addedRows(
              '(b)',
              ['`delegate()` → CoderClient.call', 'the same call on its MCP client'],
              layer.through,
              layer.direct,
            ),
          },
        ],
      },
      memory: [],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(
    JSON.stringify(await benchDelegation({ calls: Number(process.env.BENCH_CALLS ?? 500) }), null, 2),
  );
}
