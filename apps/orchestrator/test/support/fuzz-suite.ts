// The fuzz suite of one server: spawn it on a fuzz workspace, check that it lists exactly the tools
// the suite budgets for, fuzz each tool in its own test, and record the figures at the end.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { z } from 'zod';
import { FUZZ_SEED, type FuzzedServer, fuzzTool, spawnServer, type ToolFigures } from './fuzz-tools.js';
import { FUZZ_HINTS, fuzzWorkspace, resetWorkspace, VALID_CALLS } from './fuzz-workspace.js';
import type { TempRepo } from './git-repo.js';
import { recordFigures } from './reliability.js';

export interface ServerFuzz {
  /** recordFigures name, e.g. "survives-fuzzed-arguments-on-every-coder-tool". */
  name: string;
  title: string;
  main: string;
  /** Cases per tool (use `scaled`); the server must list exactly these tools. */
  runs: Record<string, number>;
  outputs: Record<string, z.ZodType>;
  /** Per-call ceiling: a call not answered within it is a hang. */
  ceilingMs: (tool: string) => number;
  /** Tools that write: the workspace is reset to its commit after each. */
  writers: readonly string[];
  /** A call that must succeed once everything was fuzzed. */
  finalCheck: (server: FuzzedServer) => Promise<void>;
}

export function fuzzEveryTool(suite: ServerFuzz): void {
  let repo: TempRepo;
  let server: FuzzedServer;
  let tools: Map<string, Tool>;
  const figures: Record<string, ToolFigures> = {};
  const started = performance.now();

  beforeAll(async () => {
    repo = await fuzzWorkspace();
    server = await spawnServer(suite.main, repo.dir);
    tools = new Map((await server.client.listTools()).tools.map((tool) => [tool.name, tool]));
  });

  afterAll(async () => {
    await server?.close();
    await repo?.remove();
  });

  it('lists exactly the tools this fuzz covers', () => {
    expect([...tools.keys()].sort()).toEqual(Object.keys(suite.runs).sort());
  });

  for (const [name, numRuns] of Object.entries(suite.runs)) {
    it(
      `${name}: answers every fuzzed call with a result or an isError, and keeps serving`,
      { timeout: 600_000 },
      async () => {
        const tool = tools.get(name);
        const output = suite.outputs[name];
        if (!tool || !output) throw new Error(`${name} is not listed, or has no output schema here.`);
        try {
          figures[name] = await fuzzTool(server, tool, {
            numRuns,
            ceilingMs: suite.ceilingMs(name),
            output,
            hints: FUZZ_HINTS,
            validCalls: VALID_CALLS[name],
          });
        } finally {
          if (suite.writers.includes(name)) resetWorkspace(repo.dir);
        }
      },
    );
  }

  it('is still alive and serving after every tool was fuzzed', async () => {
    expect(server.gone()).toBeUndefined();
    await suite.finalCheck(server);
    const all = Object.values(figures);
    const sum = (key: keyof ToolFigures) => all.reduce((total, tool) => total + tool[key], 0);
    recordFigures(suite.name, {
      title: suite.title,
      figures: {
        seed: String(FUZZ_SEED), // an identifier, not a quantity: no thousands separators
        tools: all.length,
        cases: sum('cases'),
        is_error: sum('is_error'),
        invalid_params: sum('invalid_params'),
        successes: sum('successes'),
        crashes: 0,
        hangs: 0,
        duration_s: Math.round((performance.now() - started) / 100) / 10,
        ...Object.fromEntries(
          Object.entries(figures).map(([tool, f]) => [
            tool,
            `${f.cases} cases: ${f.is_error} isError, ${f.invalid_params} InvalidParams, ${f.successes} ok, slowest ${f.max_latency_ms} ms`,
          ]),
        ),
      },
      notes: [
        'Arguments: non-objects (answered with JSON-RPC InvalidParams by the SDK), arbitrary objects, the tool’s keys with values of any type, and values shaped by the tool’s input schema with adversarial strings (paths out of the root, globs, regex and shell metacharacters, YAML rule bodies, NUL and control characters, odd Unicode, strings up to 180 kB).',
        'Every success is checked against the shared zod output schema; every failure must be an isError with a message that is not an "Internal error" (a failure the tool did not mean).',
        `Slowest is a ceiling check on a loaded machine, not a speed figure; a call unanswered within the ceiling fails the test as a hang, naming the tool and fast-check's shrunk arguments.`,
      ],
    });
  });
}
