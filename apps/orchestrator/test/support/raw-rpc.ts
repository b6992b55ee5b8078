// A server (the orchestrator unless told otherwise) spawned with node:child_process and spoken to by
// hand: newline-delimited JSON-RPC written to stdin, every stdout line and all of stderr kept,
// responses matched by id.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { orchestratorMain, sampleRepo } from './paths.js';
import { pollUntil } from './processes.js';

export interface JsonRpcResponse {
  jsonrpc: string;
  id: number | string;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

export interface RawOrchestrator {
  child: ChildProcessWithoutNullStreams;
  /** Every stdout line so far, exactly as written (without the newline). */
  stdoutLines: () => string[];
  stderr: () => string;
  /** Writes one line to stdin as is. */
  writeLine: (line: string) => void;
  /** Writes bytes to stdin as they are: no newline added. */
  write: (data: string | Uint8Array) => void;
  send: (message: Record<string, unknown>) => void;
  /** Sends a request and waits for the response with its id. */
  request: (
    id: number,
    method: string,
    params?: Record<string, unknown>,
    timeoutMs?: number,
  ) => Promise<JsonRpcResponse>;
  /** Waits for the response with this id among the stdout lines (5 s unless told). */
  response: (id: number, timeoutMs?: number) => Promise<JsonRpcResponse>;
  /** Initializes the MCP session (initialize, then notifications/initialized). */
  initialize: (id: number, timeoutMs?: number) => Promise<JsonRpcResponse>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `env` is added to this process's environment. */
export function spawnOrchestrator(root: string = sampleRepo, env: NodeJS.ProcessEnv = {}): RawOrchestrator {
  return spawnServer(orchestratorMain, root, env);
}

/** Either server's built entry (orchestratorMain, coderMain) on `root`; `env` is added to this process's. */
export function spawnServer(
  main: string,
  root: string = sampleRepo,
  env: NodeJS.ProcessEnv = {},
): RawOrchestrator {
  const child = spawn(process.execPath, [main, '--root', root], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stdoutBuffer = '';
  const lines: string[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdoutBuffer += chunk.toString('utf8');
    let newline = stdoutBuffer.indexOf('\n');
    while (newline !== -1) {
      lines.push(stdoutBuffer.slice(0, newline));
      stdoutBuffer = stdoutBuffer.slice(newline + 1);
      newline = stdoutBuffer.indexOf('\n');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  // A half-written trailing line counts too once the process is gone.
  child.stdout.on('end', () => {
    if (stdoutBuffer) lines.push(stdoutBuffer);
    stdoutBuffer = '';
  });

  const writeLine = (line: string) => {
    child.stdin.write(`${line}\n`);
  };
  const send = (message: Record<string, unknown>) =>
    writeLine(JSON.stringify({ jsonrpc: '2.0', ...message }));
  const response = (id: number, timeoutMs?: number) =>
    pollUntil(
      `the response to request ${id} (stderr: ${stderr.slice(-500)})`,
      () => {
        for (const line of lines) {
          try {
            const message = JSON.parse(line) as JsonRpcResponse;
            if (message.id === id && ('result' in message || 'error' in message)) return message;
          } catch {
            // not JSON; the test that reads every line reports it
          }
        }
        return undefined;
      },
      timeoutMs,
    );
  const request = (id: number, method: string, params: Record<string, unknown> = {}, timeoutMs?: number) => {
    send({ id, method, params });
    return response(id, timeoutMs);
  };
  return {
    child,
    stdoutLines: () => [...lines],
    stderr: () => stderr,
    writeLine,
    write: (data) => {
      child.stdin.write(data);
    },
    send,
    request,
    response,
    initialize: async (id: number, timeoutMs?: number) => {
      const reply = await request(
        id,
        'initialize',
        {
          protocolVersion: '2025-06-18',
          capabilities: {},
          clientInfo: { name: 'raw-json-rpc-test', version: '0.0.0' },
        },
        timeoutMs,
      );
      send({ method: 'notifications/initialized' });
      return reply;
    },
    exited,
  };
}
