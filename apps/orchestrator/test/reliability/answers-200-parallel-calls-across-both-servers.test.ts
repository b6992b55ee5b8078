// Calls to both servers all in flight at once, end to end over stdio: one connection to each
// server carrying most of them, and a second connection to each beside it. Every call is answered,
// the SDK matches each answer to its request id, and each output equals the same call made alone
// (volatile fields such as durations and pids aside); both servers keep serving afterwards.
// (packages/shared/test/holds-budgets-and-rate-limits-under-200-parallel-calls checks the seam's
// budgets in-process; this is the servers as a client meets them.)
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, expect, it } from 'vitest';
import { type ConnectedServer, connectServer } from '../support/orchestrator.js';
import { coderMain, orchestratorMain } from '../support/paths.js';
import { heavy, recordFigures, scaled } from '../support/reliability.js';

const CALLS = scaled(200, 1000);

interface Call {
  server: 'orchestrator' | 'coder';
  cheap: boolean;
  name: string;
  args: Record<string, unknown>;
}

const CALLS_BY_KIND: Call[] = [
  { server: 'orchestrator', cheap: true, name: 'list_tasks', args: {} },
  { server: 'orchestrator', cheap: true, name: 'list_personas', args: {} },
  { server: 'orchestrator', cheap: true, name: 'read_backlog', args: { limit: 5 } },
  { server: 'orchestrator', cheap: true, name: 'status', args: {} },
  {
    server: 'orchestrator',
    cheap: false,
    name: 'code_search',
    args: { pattern: 'export function $NAME($$$) { $$$ }', language: 'typescript' },
  },
  {
    server: 'orchestrator',
    cheap: false,
    name: 'refactor',
    args: {
      pattern: 'console.log($$$A)',
      rewrite: 'console.info($$$A)',
      language: 'typescript',
      dry_run: true,
    },
  },
  { server: 'coder', cheap: true, name: 'list_languages', args: {} },
  {
    server: 'coder',
    cheap: true,
    name: 'dump_syntax_tree',
    args: { code: 'const answer = compute(6, 7);', language: 'typescript' },
  },
  {
    server: 'coder',
    cheap: true,
    name: 'test_rule',
    args: { code: 'a(1); b(2); a(3);', language: 'javascript', pattern: 'a($X)' },
  },
  { server: 'coder', cheap: false, name: 'ast_search', args: { pattern: 'def $F($$$)', language: 'python' } },
  {
    server: 'coder',
    cheap: false,
    name: 'ast_rewrite',
    args: { pattern: 'let $A = $B', rewrite: 'const $A = $B', language: 'typescript' },
  },
  { server: 'coder', cheap: false, name: 'validate_syntax', args: {} },
  { server: 'coder', cheap: false, name: 'scan_secrets', args: { paths: ['src'] } },
];

/** Fields that differ between two identical calls: timings, process ids, uptimes. */
const VOLATILE = /(_ms|_s|duration|elapsed|uptime|pid|round_trip|_at)$/;

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !VOLATILE.test(key))
        .map(([key, inner]) => [key, stable(inner)]),
    );
  return value;
}

interface Answer {
  isError: boolean;
  output: unknown;
}

async function call(connection: ConnectedServer, spec: Call): Promise<Answer> {
  const result = await connection.client.callTool(
    { name: spec.name, arguments: spec.args },
    CallToolResultSchema,
    {
      timeout: 120_000,
    },
  );
  return {
    isError: result.isError === true,
    output: stable(result.structuredContent ?? result.content),
  };
}

const connections: ConnectedServer[] = [];

afterAll(async () => {
  await Promise.all(connections.map((connection) => connection.close()));
});

it(
  `answers ${CALLS} calls in flight at once across both servers, each as the same call alone`,
  async () => {
    const [orchestrator, coder, orchestrator2, coder2] = await Promise.all([
      connectServer(orchestratorMain),
      connectServer(coderMain),
      connectServer(orchestratorMain),
      connectServer(coderMain),
    ]);
    connections.push(
      orchestrator as ConnectedServer,
      coder as ConnectedServer,
      orchestrator2 as ConnectedServer,
      coder2 as ConnectedServer,
    );
    const expected = new Map<Call, Answer>();
    for (const spec of CALLS_BY_KIND) {
      const alone = await call(
        spec.server === 'orchestrator' ? (orchestrator as ConnectedServer) : (coder as ConnectedServer),
        spec,
      );
      expect(alone.isError, `${spec.name} alone: ${JSON.stringify(alone.output).slice(0, 300)}`).toBe(false);
      expected.set(spec, alone);
    }

    // Four calls in five go over the first connection to their server, the fifth over the second.
    const plan = Array.from({ length: CALLS }, (_, index) => {
      const spec = CALLS_BY_KIND[index % CALLS_BY_KIND.length] as Call;
      const second = index % 5 === 4;
      const connection =
        spec.server === 'orchestrator' ? (second ? orchestrator2 : orchestrator) : second ? coder2 : coder;
      return { spec, connection: connection as ConnectedServer };
    });
    const started = performance.now();
    const answers = await Promise.allSettled(plan.map(({ spec, connection }) => call(connection, spec)));
    const durationMs = Math.round(performance.now() - started);

    const tally = { answered: 0, matching_the_call_alone: 0, differing: 0, errors: 0, rejected: 0 };
    const problems: string[] = [];
    answers.forEach((settled, index) => {
      const { spec } = plan[index] as (typeof plan)[number];
      if (settled.status === 'rejected') {
        tally.rejected += 1;
        problems.push(`${spec.name}: ${String(settled.reason)}`);
        return;
      }
      tally.answered += 1;
      if (settled.value.isError) {
        tally.errors += 1;
        problems.push(`${spec.name}: ${JSON.stringify(settled.value.output).slice(0, 300)}`);
      } else if (JSON.stringify(settled.value.output) === JSON.stringify(expected.get(spec)?.output)) {
        tally.matching_the_call_alone += 1;
      } else {
        tally.differing += 1;
        expect(settled.value.output, `${spec.name} in parallel`).toEqual(expected.get(spec)?.output);
      }
    });

    // Both servers keep serving, on every connection.
    for (const [connection, spec] of [
      [orchestrator, CALLS_BY_KIND[0]],
      [orchestrator2, CALLS_BY_KIND[4]],
      [coder, CALLS_BY_KIND[6]],
      [coder2, CALLS_BY_KIND[9]],
    ] as const) {
      const after = await call(connection as ConnectedServer, spec as Call);
      expect(after.isError).toBe(false);
    }

    const cheap = plan.filter(({ spec }) => spec.cheap).length;
    recordFigures('answers-200-parallel-calls-across-both-servers', {
      title: 'Parallel calls across both servers',
      figures: {
        calls_in_flight_at_once: CALLS,
        connections: connections.length,
        distinct_calls: CALLS_BY_KIND.length,
        cheap_calls: cheap,
        real_work_calls: CALLS - cheap,
        answered: tally.answered,
        equal_to_the_call_alone: tally.matching_the_call_alone,
        different_output: tally.differing,
        error_results: tally.errors,
        unanswered_or_failed: tally.rejected,
        wall_time_ms: durationMs,
      },
      notes: [
        'Cheap calls: list_tasks, list_personas, read_backlog, status, list_languages, dump_syntax_tree, test_rule. Real work: code_search and refactor dry runs (delegated to the coder), ast_search, ast_rewrite dry runs, validate_syntax and scan_secrets over the sample repository.',
        'Outputs are compared with timing fields, pids and timestamps left out.',
        ...(heavy ? [] : ['TANDEM_RELIABILITY=heavy sends 1,000 at once.']),
      ],
    });

    expect(problems).toEqual([]);
    expect(tally.matching_the_call_alone).toBe(CALLS);
  },
  heavy ? 600_000 : 180_000,
);
