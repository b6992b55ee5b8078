// DNS-rebinding protection is on by default: a request whose Host (or Origin) is not one the server
// is bound to is refused with 403 before authentication, even with a valid token; the config can
// allow more names.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir } from './support/coder.js';
import {
  auditOf,
  type HttpCoder,
  rawPost,
  signHs256,
  startHttpCoder,
  TEST_SECRET,
  writeConfig,
} from './support/http.js';

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } },
};

const messageOf = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

describe('DNS-rebinding protection', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let server: HttpCoder;
  let token: string;
  let port: string;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeConfig(
      temp.dir,
      'auth:\n  http:\n    allowed_hosts: [mcp.internal.example]\n    allowed_origins: ["https://app.example.com"]\n',
    );
    server = await startHttpCoder(temp.dir, [], { TANDEM_JWT_SECRET: TEST_SECRET });
    token = await signHs256({ sub: 'alice', role: 'developer' });
    port = new URL(server.url).port;
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.remove();
  });

  it('rejects a foreign Host header with 403, even with a valid token', async () => {
    const response = await rawPost(
      server.url,
      { host: `evil.example:${port}`, authorization: `Bearer ${token}` },
      INITIALIZE,
    );
    expect(response.status).toBe(403);
    expect(messageOf(response.body)).toContain('Host "evil.example');
    // The log line travels through a pipe: it may arrive just after the response.
    await vi.waitFor(() => expect(server.stderr()).toContain('DNS-rebinding protection'), { timeout: 5000 });
  });

  it('rejects a foreign Origin with 403', async () => {
    const response = await rawPost(
      server.url,
      { host: `127.0.0.1:${port}`, origin: 'http://evil.example', authorization: `Bearer ${token}` },
      INITIALIZE,
    );
    expect(response.status).toBe(403);
    expect(messageOf(response.body)).toContain('Origin "http://evil.example"');
  });

  it('accepts the bind host, localhost and the configured names and origins', async () => {
    for (const headers of <Record<string, string>[]>[
      { host: `127.0.0.1:${port}` },
      { host: `localhost:${port}`, origin: `http://localhost:${port}` },
      { host: 'mcp.internal.example' },
      { host: `127.0.0.1:${port}`, origin: 'https://app.example.com' },
    ]) {
      const response = await rawPost(
        server.url,
        { ...headers, authorization: `Bearer ${token}` },
        INITIALIZE,
      );
      expect(response.status, JSON.stringify(headers)).toBe(200);
    }
    expect(await auditOf(temp.dir, 'list_languages')).toEqual([]);
  });
});
