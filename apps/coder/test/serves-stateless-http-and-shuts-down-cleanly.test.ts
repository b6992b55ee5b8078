// With --stateless every POST stands alone (no session id, GET refused); on SIGTERM the server
// closes its sessions and exits 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, textOf } from './support/coder.js';
import {
  auditOf,
  connectHttp,
  eventually,
  rawInitialize,
  signHs256,
  startHttpCoder,
  TEST_SECRET,
} from './support/http.js';

describe('stateless mode and shutdown', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it('serves list and call without sessions in --stateless mode', async () => {
    const server = await startHttpCoder(temp.dir, ['--stateless'], { TANDEM_JWT_SECRET: TEST_SECRET });
    try {
      expect(server.stderr()).toContain('(stateless;');
      const token = await signHs256({ sub: 'dana', role: 'developer' });
      const initialized = await rawInitialize(server.url, { authorization: `Bearer ${token}` });
      expect(initialized.status).toBe(200);
      expect(initialized.headers.get('mcp-session-id')).toBeNull();

      const client = await connectHttp(server.url, token);
      try {
        expect((await client.listTools()).tools.length).toBeGreaterThan(0);
        const result = await client.callTool({ name: 'list_languages', arguments: {} });
        expect(result.isError).toBeFalsy();
        expect(textOf(result)).not.toBe('');
      } finally {
        await client.close();
      }
      const records = await eventually('the audit record', async () => {
        const found = await auditOf(temp.dir, 'list_languages');
        return found.length > 0 ? found : undefined;
      });
      expect(records[0]?.identity).toEqual({ subject: 'dana', role: 'developer', transport: 'http' });

      const get = await fetch(server.url, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
      });
      expect(get.status).toBe(405);
      const unauthenticated = await rawInitialize(server.url, {});
      expect(unauthenticated.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('closes open sessions and exits 0 on SIGTERM', async () => {
    const server = await startHttpCoder(temp.dir, [], { TANDEM_JWT_SECRET: TEST_SECRET });
    const client = await connectHttp(server.url, await signHs256({ sub: 'erin' }));
    try {
      await client.listTools();
      const exit = await server.stop();
      expect(exit.code).toBe(0);
      expect(exit.stderr).toContain('shutting down (SIGTERM)');
      expect(exit.stderr).toContain('shut down cleanly');
      expect(exit.stderr).not.toContain('exiting anyway');
    } finally {
      await client.close();
    }
  });
});
