// Starts the built coder server the way a client does and talks to it over stdio.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const CODER_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const SAMPLE_REPO = fileURLToPath(new URL('../../../../examples/sample-repo', import.meta.url));

function requireBuild(): void {
  if (!existsSync(CODER_MAIN)) {
    throw new Error(
      `${CODER_MAIN} is missing: build first (turbo run build, or tsc -p tsconfig.build.json).`,
    );
  }
}

export interface CoderSession {
  client: Client;
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  close: () => Promise<void>;
}

/** Starts the built server on `root`; `env` is added to the SDK's default environment (PATH, HOME, ...). */
export async function connectCoder(root: string, env?: Record<string, string>): Promise<CoderSession> {
  requireBuild();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CODER_MAIN, '--root', root],
    stderr: 'pipe',
    ...(env ? { env } : {}),
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'coder-e2e', version: '0.0.1' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a call result's first content item. */
export function textOf(result: unknown): string {
  const first = (result as CallToolResult).content[0];
  return first?.type === 'text' ? first.text : '';
}

export interface TreeResult {
  language: string;
  format: 'ast' | 'cst' | 'pattern';
  tree: string;
  node_count: number;
  truncated: boolean;
  has_errors: boolean;
  errors: { line: number; column: number; kind: string }[];
  metavariables?: string[];
}

/** Calls dump_syntax_tree and returns its structured result; fails when the call is an error. */
export async function dumpTree(client: Client, args: Record<string, unknown>): Promise<TreeResult> {
  const result = await client.callTool({ name: 'dump_syntax_tree', arguments: args });
  if (result.isError) throw new Error(`dump_syntax_tree ${JSON.stringify(args)} failed: ${textOf(result)}`);
  return result.structuredContent as unknown as TreeResult;
}

export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-coder-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 5 }) };
}

export interface RawServer {
  child: ChildProcessWithoutNullStreams;
  /** Complete stdout lines so far. */
  lines: string[];
  stderr: () => string;
  /** Writes one newline-delimited JSON-RPC message. */
  send: (message: unknown) => void;
  /** Resolves with the response to request `id`. */
  response: (id: number) => Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the server with plain pipes, to watch its stdout and its lifetime directly. */
export function spawnRaw(root: string, env: NodeJS.ProcessEnv = {}): RawServer {
  requireBuild();
  const child = spawn(process.execPath, [CODER_MAIN, '--root', root], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      if (partial) lines.push(partial);
      partial = '';
      resolve({ code, signal });
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const response = (id: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const look = () => {
        for (const line of lines) {
          try {
            const message = JSON.parse(line) as Record<string, unknown>;
            if (message.id === id && ('result' in message || 'error' in message)) return resolve(message);
          } catch {
            // Not JSON: the stdout test reports it.
          }
        }
        if (child.exitCode !== null || child.signalCode !== null) {
          return reject(new Error(`server exited before answering ${id}; stderr: ${stderr}`));
        }
        waiters.push(look);
      };
      look();
    });
  return {
    child,
    lines,
    stderr: () => stderr,
    send: (message) => child.stdin.write(`${JSON.stringify(message)}\n`),
    response,
    exited,
  };
}

/** Resolves with the exit, or rejects when the process is still running after `ms`. */
export function exitWithin<T>(exited: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not exit within ${ms} ms`)), ms);
  });
  return Promise.race([exited, timeout]).finally(() => clearTimeout(timer));
}

/** Calls a tool and returns its structured result; fails when the call is an error. */
export async function callOk<T = Record<string, unknown>>(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<T & { _text: string }> {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} ${JSON.stringify(args)} failed: ${textOf(result)}`);
  return { ...(result.structuredContent as T), _text: textOf(result) };
}

/** Calls a tool that must fail and returns its error text. */
export async function callError(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<string> {
  const result = await client.callTool({ name, arguments: args });
  if (!result.isError) throw new Error(`${name} ${JSON.stringify(args)} succeeded: ${textOf(result)}`);
  return textOf(result);
}

/** Writes files (path → content) under a directory, creating parents. */
export async function writeTree(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  const { mkdir, writeFile } = await import('node:fs/promises');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}
