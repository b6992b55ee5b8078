// Over HTTP a call runs only for a valid bearer JWT, and its identity (sub, role, org, plan) is the
// one the seam audits; expired, wrongly signed, malformed and missing tokens get 401 with a reason.
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, textOf } from './support/coder.js';
import {
  auditOf,
  connectHttp,
  eventually,
  type HttpCoder,
  rawInitialize,
  signHs256,
  startHttpCoder,
  TEST_SECRET,
} from './support/http.js';

describe('HTTP with HS256 JWTs', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let server: HttpCoder;

  beforeAll(async () => {
    temp = await makeTempDir();
    server = await startHttpCoder(temp.dir, [], { TANDEM_JWT_SECRET: TEST_SECRET });
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.remove();
  });

  it('lists and calls tools for a valid token, auditing its subject and role', async () => {
    const token = await signHs256({ sub: 'alice', role: 'maintainer', org: 'acme', plan: 'team' });
    const client = await connectHttp(server.url, token);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('list_languages');
      const result = await client.callTool({ name: 'list_languages', arguments: {} });
      expect(result.isError).toBeFalsy();
      expect(textOf(result)).not.toBe('');
    } finally {
      await client.close();
    }
    const [record] = await eventually('the audit record', async () => {
      const records = await auditOf(temp.dir, 'list_languages');
      return records.length > 0 ? records : undefined;
    });
    expect(record?.identity).toEqual({
      subject: 'alice',
      role: 'maintainer',
      org: 'acme',
      plan: 'team',
      transport: 'http',
    });
  });

  it('ignores an identity an HTTP caller writes into _meta', async () => {
    const token = await signHs256({ sub: 'bob', role: 'viewer' });
    const client = await connectHttp(server.url, token);
    try {
      const result = await client.callTool({
        name: 'validate_syntax',
        arguments: { text: 'let x = 1;', language: 'javascript' },
        _meta: { 'tandem/identity': { subject: 'root', role: 'maintainer' } },
      });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const [record] = await eventually('the audit record', async () => {
      const records = await auditOf(temp.dir, 'validate_syntax');
      return records.length > 0 ? records : undefined;
    });
    expect(record?.identity).toEqual({ subject: 'bob', role: 'viewer', transport: 'http' });
  });

  it('gives a token without a role the least privilege, viewer', async () => {
    const client = await connectHttp(server.url, await signHs256({ sub: 'carol' }));
    try {
      await client.callTool({ name: 'dump_syntax_tree', arguments: { text: 'x', language: 'javascript' } });
    } finally {
      await client.close();
    }
    const [record] = await eventually('the audit record', async () => {
      const records = await auditOf(temp.dir, 'dump_syntax_tree');
      return records.length > 0 ? records : undefined;
    });
    expect(record?.identity).toMatchObject({ subject: 'carol', role: 'viewer' });
  });

  it('answers 401 with a reason and a challenge for an expired token', async () => {
    const expired = await signHs256(
      { sub: 'alice', role: 'developer' },
      TEST_SECRET,
      Math.floor(Date.now() / 1000) - 60,
    );
    const response = await rawInitialize(server.url, { authorization: `Bearer ${expired}` });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ error: 'invalid_token', reason: 'token expired' });
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="tandem", error="invalid_token"/);
  });

  it('answers 401 for a token signed with another key', async () => {
    const forged = await signHs256(
      { sub: 'mallory', role: 'maintainer' },
      'another-secret-that-is-long-enough-to-use!!',
    );
    const response = await rawInitialize(server.url, { authorization: `Bearer ${forged}` });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).reason).toBe('token signature verification failed');
  });

  it('answers 401 for a malformed token and a malformed header', async () => {
    const garbled = await rawInitialize(server.url, { authorization: 'Bearer abc.def.ghi' });
    expect(garbled.status).toBe(401);
    expect(JSON.parse(garbled.body).reason).toMatch(/^malformed token/);
    const basic = await rawInitialize(server.url, { authorization: 'Basic YWxpY2U6c2VjcmV0' });
    expect(basic.status).toBe(401);
    expect(JSON.parse(basic.body)).toMatchObject({ error: 'invalid_request' });
  });

  it('answers 401 without a token, and the SDK client fails to connect', async () => {
    const response = await rawInitialize(server.url, {});
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).reason).toMatch(/^missing bearer token/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="tandem"');
    await expect(connectHttp(server.url)).rejects.toBeInstanceOf(StreamableHTTPError);
  });

  it('runs no tool for a rejected token', async () => {
    const before = (await auditOf(temp.dir, 'ast_search')).length;
    const expired = await signHs256({ sub: 'alice' }, TEST_SECRET, Math.floor(Date.now() / 1000) - 60);
    const client = await connectHttp(server.url, await signHs256({ sub: 'alice' }));
    // A session opened with a good token cannot be used with a bad one.
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${expired}`,
        'mcp-session-id': String((client.transport as { sessionId?: string } | undefined)?.sessionId),
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 7,
        method: 'tools/call',
        params: { name: 'ast_search', arguments: { pattern: 'x', language: 'javascript' } },
      }),
    });
    await client.close();
    expect(response.status).toBe(401);
    expect((await auditOf(temp.dir, 'ast_search')).length).toBe(before);
  });

  it("refuses another subject's use of a session", async () => {
    const client = await connectHttp(server.url, await signHs256({ sub: 'alice' }));
    const sessionId = (client.transport as { sessionId?: string } | undefined)?.sessionId;
    expect(sessionId).toBeTruthy();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${await signHs256({ sub: 'eve' })}`,
        'mcp-session-id': String(sessionId),
        'mcp-protocol-version': '2025-06-18',
      },
      body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/list', params: {} }),
    });
    await client.close();
    expect(response.status).toBe(403);
  });
});
