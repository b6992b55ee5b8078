// Runs fast-check properties against one tool of a built server over stdio: every call answers
// within a ceiling, a failure is an `isError` result with a message (or the SDK's InvalidParams
// error when the arguments are not an object at all), a success matches the tool's output schema,
// and the server is still alive afterwards.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, ErrorCode, McpError, type Tool } from '@modelcontextprotocol/sdk/types.js';
import fc from 'fast-check';
import type { z } from 'zod';
import { type FieldHints, type FuzzedArguments, type JsonSchema, toolArguments } from './fuzz-arguments.js';
import { connectServer } from './orchestrator.js';
import { isAlive } from './processes.js';

/** The seed of every fuzz run, so a failure replays; TANDEM_FUZZ_SEED picks another. */
export const FUZZ_SEED = Number(process.env.TANDEM_FUZZ_SEED ?? 20261121);

export interface FuzzedServer {
  client: Client;
  pid: number;
  stderr: () => string;
  /** Why the server is gone (exit or closed transport), or undefined while it serves. */
  gone: () => string | undefined;
  close: () => Promise<void>;
}

/** Spawns a built server entry (`main`) on `root` the way an MCP client does, and watches it go. */
export async function spawnServer(main: string, root: string): Promise<FuzzedServer> {
  const server = await connectServer(main, root);
  let closed: string | undefined;
  server.client.onclose = () => {
    closed = 'the connection closed';
  };
  return {
    client: server.client,
    pid: server.pid,
    stderr: server.stderr,
    gone: () => closed ?? (isAlive(server.pid) ? undefined : `pid ${server.pid} exited`),
    close: server.close,
  };
}

export interface ToolFigures {
  cases: number;
  /** isError results (bad arguments, refusals, failures the tool explains). */
  is_error: number;
  /** JSON-RPC InvalidParams errors: arguments that are not an object never reach the tool. */
  invalid_params: number;
  successes: number;
  max_latency_ms: number;
}

export interface FuzzOptions {
  numRuns: number;
  /** A call not answered within this is a hang. A ceiling, not a speed goal. */
  ceilingMs: number;
  output: z.ZodType;
  hints?: FieldHints;
  /** Calls that succeed, mutated as one part of the mix. */
  validCalls?: readonly Record<string, unknown>[];
  /** Extra checks on every reply (e.g. a sentinel that must never appear). */
  check?: (reply: CallReply, args: unknown) => void | Promise<void>;
}

export type CallReply =
  | { kind: 'result'; isError: boolean; text: string; structured: unknown }
  | { kind: 'invalid_params'; text: string };

function shown(args: unknown): string {
  try {
    const text = JSON.stringify(args);
    return text.length > 400 ? `${text.slice(0, 400)}… (${text.length} chars)` : text;
  } catch (error) {
    return `(unprintable: ${String(error)})`;
  }
}

/** One call; throws (a property failure) on a hang, a dead server or an error of the wrong kind. */
export async function callOnce(
  server: FuzzedServer,
  tool: string,
  args: unknown,
  ceilingMs: number,
): Promise<CallReply> {
  const gone = server.gone();
  if (gone) throw new Error(`The server is gone (${gone}) before calling ${tool}.`);
  try {
    const result = await server.client.callTool(
      // Non-object arguments on purpose: the fuzz sends what a broken client might.
      { name: tool, arguments: args as Record<string, unknown> },
      CallToolResultSchema,
      { timeout: ceilingMs },
    );
    const parts = result.content as Array<{ type: string; text?: string }>;
    return {
      kind: 'result',
      isError: result.isError === true,
      text: parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n'),
      structured: result.structuredContent,
    };
  } catch (error) {
    const died = server.gone();
    if (died)
      throw new Error(
        `The server died (${died}) on ${tool} ${shown(args)}.\nstderr: ${server.stderr().slice(-2000)}`,
      );
    if (error instanceof McpError && error.code === ErrorCode.RequestTimeout) {
      throw new Error(`Hang: ${tool} did not answer within ${ceilingMs} ms for ${shown(args)}.`);
    }
    if (error instanceof McpError && error.code === ErrorCode.InvalidParams) {
      return { kind: 'invalid_params', text: error.message };
    }
    throw error;
  }
}

/** Checks one reply against the fuzz's properties; returns which outcome it counts as. */
export function checkReply(
  tool: string,
  fuzzed: FuzzedArguments,
  reply: CallReply,
  output: z.ZodType,
): 'is_error' | 'invalid_params' | 'successes' {
  const args = shown(fuzzed.args);
  const isObject = typeof fuzzed.args === 'object' && fuzzed.args !== null && !Array.isArray(fuzzed.args);
  if (reply.kind === 'invalid_params') {
    // Only the SDK's request check may answer with a JSON-RPC error, and only for non-objects.
    if (isObject)
      throw new Error(
        `${tool} answered InvalidParams instead of an isError result for ${args}: ${reply.text}`,
      );
    if (!reply.text.trim()) throw new Error(`${tool}: InvalidParams without a message for ${args}.`);
    return 'invalid_params';
  }
  if (!isObject) throw new Error(`${tool} took non-object arguments ${args} without an InvalidParams error.`);
  if (reply.isError) {
    if (!reply.text.trim()) throw new Error(`${tool} failed without a message for ${args}.`);
    // A failure the tool did not mean (a TypeError, an fs error escaping) is a bug even when the
    // seam catches it: ToolError messages never start like this.
    if (reply.text.startsWith('Internal error:'))
      throw new Error(`${tool} failed unexpectedly for ${args}: ${reply.text.slice(0, 600)}`);
    return 'is_error';
  }
  const parsed = output.safeParse(reply.structured);
  if (!parsed.success) {
    throw new Error(
      `${tool} succeeded with a result outside its output schema for ${args}: ${parsed.error.message.slice(0, 600)}`,
    );
  }
  return 'successes';
}

/** Fuzzes one tool with fc.assert; the server must answer a ping afterwards. */
export async function fuzzTool(server: FuzzedServer, tool: Tool, options: FuzzOptions): Promise<ToolFigures> {
  const figures: ToolFigures = { cases: 0, is_error: 0, invalid_params: 0, successes: 0, max_latency_ms: 0 };
  const generator = toolArguments(tool.inputSchema as JsonSchema, options.hints, options.validCalls);
  await fc.assert(
    fc.asyncProperty(generator, async (fuzzed) => {
      const started = performance.now();
      const reply = await callOnce(server, tool.name, fuzzed.args, options.ceilingMs);
      const latency = performance.now() - started;
      const outcome = checkReply(tool.name, fuzzed, reply, options.output);
      await options.check?.(reply, fuzzed.args);
      figures.cases++;
      figures[outcome]++;
      figures.max_latency_ms = Math.max(figures.max_latency_ms, Math.round(latency));
    }),
    { numRuns: options.numRuns, seed: FUZZ_SEED },
  );
  await server.client.ping({ timeout: options.ceilingMs });
  const gone = server.gone();
  if (gone) throw new Error(`The server is gone (${gone}) after fuzzing ${tool.name}.`);
  return figures;
}
