// The orchestrator over Streamable HTTP: a valid HS256 token lists and calls its tools under the
// token's identity, no token gets 401, /readyz starts the coder and reports it, and SIGTERM stops
// both processes.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { AuditRecord } from '@tandem/shared';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orchestratorMain } from './support/paths.js';
import { killIfAlive, pollUntil, waitForGone } from './support/processes.js';

const SECRET = 'orchestrator-http-test-secret-0123456789abcdef';

function sign(claims: Record<string, string>): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(SECRET));
}

describe('orchestrator over HTTP', () => {
  let root: string;
  let child: ChildProcess;
  let stderr = '';
  let url: string;
  let coderPid: number | undefined;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'tandem-orch-http-'));
    child = spawn(
      process.execPath,
      [orchestratorMain, '--root', root, '--transport', 'http', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, TANDEM_JWT_SECRET: SECRET },
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
    url = await pollUntil(
      'the orchestrator to listen',
      () => /ready on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1],
      15_000,
    );
  });
  afterAll(async () => {
    killIfAlive(child?.pid);
    killIfAlive(coderPid);
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('lists and calls status for a valid token, auditing its subject and role', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(url), {
      requestInit: {
        headers: { authorization: `Bearer ${await sign({ sub: 'alice', role: 'maintainer' })}` },
      },
    });
    const client = new Client({ name: 'orch-http-test', version: '0' });
    await client.connect(transport);
    try {
      expect((await client.listTools()).tools.map((tool) => tool.name)).toContain('status');
      const result = await client.callTool({ name: 'status', arguments: {} });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const auditFile = path.join(root, '.tandem', 'audit', 'audit.jsonl');
    const record = await pollUntil('the audit record of status', async () => {
      if (!existsSync(auditFile)) return undefined;
      return (await readFile(auditFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditRecord)
        .find((entry) => entry.tool === 'status');
    });
    expect(record.server).toBe('tandem-orchestrator');
    expect(record.identity).toEqual({ subject: 'alice', role: 'maintainer', transport: 'http' });
  });

  it('answers 401 without a token', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^missing bearer token/);
  });

  it('answers /healthz, and /readyz once the coder runs', async () => {
    const base = url.replace(/\/mcp$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    const body = (await ready.json()) as {
      status: string;
      checks: { coder: { ok: boolean; detail: string } };
    };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.checks.coder.ok).toBe(true);
    coderPid = Number(/pid (\d+)/.exec(body.checks.coder.detail)?.[1]);
    expect(coderPid).toBeGreaterThan(0);
  });

  it('stops itself and its coder on SIGTERM', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('shut down cleanly');
    if (coderPid) await waitForGone(coderPid);
  });
});
