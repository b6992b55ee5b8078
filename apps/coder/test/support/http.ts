// Runs the built coder over Streamable HTTP and talks to it as a remote client does: the SDK's
// StreamableHTTPClientTransport with a bearer token, and plain fetch for the raw HTTP answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AuditRecord } from '@tandem/shared';
import { SignJWT } from 'jose';
import { CODER_MAIN } from './coder.js';

/** A secret long enough for the server's 32-character minimum. */
export const TEST_SECRET = 'test-secret-of-the-http-end-to-end-tests-0123456789';

export interface HttpCoder {
  /** http://127.0.0.1:<port>/mcp */
  url: string;
  /** http://127.0.0.1:<port> */
  base: string;
  stderr: () => string;
  /** SIGTERM, then the exit. */
  stop: () => Promise<Exit>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function launch(
  root: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; stderr: () => string } {
  if (!existsSync(CODER_MAIN)) throw new Error(`${CODER_MAIN} is missing: build first.`);
  const base = { ...process.env };
  delete base.TANDEM_JWT_SECRET;
  const child = spawn(process.execPath, [CODER_MAIN, '--root', root, '--transport', 'http', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...base, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return { child, stderr: () => stderr };
}

function exitOf(child: ChildProcess, stderr: () => string): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, stderr: stderr() });
      return;
    }
    child.once('close', (code, signal) => resolve({ code, signal, stderr: stderr() }));
  });
}

/** Starts the server on a free port and resolves once it says where it listens. */
export async function startHttpCoder(
  root: string,
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<HttpCoder> {
  const { child, stderr } = launch(root, ['--port', '0', ...args], env);
  const exited = exitOf(child, stderr);
  const url = await new Promise<string>((resolve, reject) => {
    const look = () => {
      const found = /ready on (http:\/\/\S+\/mcp)/.exec(stderr());
      if (found?.[1]) {
        child.stderr?.off('data', look);
        resolve(found[1]);
      }
    };
    child.stderr?.on('data', look);
    void exited.then((exit) =>
      reject(new Error(`the server exited (${exit.code}) before listening: ${exit.stderr}`)),
    );
  });
  return {
    url,
    base: url.replace(/\/mcp$/, ''),
    stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Runs the server in a configuration it must refuse, and resolves with how it exited. */
export function runHttpCoder(root: string, args: string[], env: Record<string, string> = {}): Promise<Exit> {
  const { child, stderr } = launch(root, args, env);
  return exitOf(child, stderr);
}

/** An MCP client over Streamable HTTP, sending `token` as its bearer token when given. */
export async function connectHttp(url: string, token?: string): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(token === undefined ? {} : { requestInit: { headers: { authorization: `Bearer ${token}` } } }),
  });
  const client = new Client({ name: 'http-e2e', version: '0.0.1' });
  await client.connect(transport);
  return client;
}

export interface Claims {
  sub?: string;
  role?: string;
  org?: string;
  plan?: string;
}

/** An HS256 token; `expiresIn` follows jose (e.g. '5m'), or a past epoch second for an expired one. */
export function signHs256(
  claims: Claims,
  secret = TEST_SECRET,
  expiresIn: string | number = '5m',
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

/** The raw answer to an initialize POST carrying `headers`: status, body and headers. */
export async function rawInitialize(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
    }),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

export async function writeConfig(root: string, yaml: string): Promise<void> {
  await mkdir(path.join(root, '.tandem'), { recursive: true });
  await writeFile(path.join(root, '.tandem', 'config.yaml'), yaml);
}

/** Audit records of `tool` so far. */
export async function auditOf(root: string, tool: string): Promise<AuditRecord[]> {
  const file = path.join(root, '.tandem', 'audit', 'audit.jsonl');
  if (!existsSync(file)) return [];
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditRecord)
    .filter((record) => record.tool === tool);
}

/** Polls until `probe` gives a value; the audit is written just after the call returns. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A POST through node:http, which (unlike fetch) lets a test send any Host header. */
export function rawPost(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
