// /healthz says the process is alive and /readyz that it can serve, as plain JSON without a token;
// a config broken after start-up makes /readyz answer 503 with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './support/coder.js';
import { type HttpCoder, startHttpCoder, TEST_SECRET, writeConfig } from './support/http.js';

describe('health endpoints', () => {
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

  it('answers /healthz with 200 and JSON, no token needed', async () => {
    const response = await fetch(`${server.base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('answers /readyz with 200 while the config loads, 503 once it is broken', async () => {
    const ready = await fetch(`${server.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { config: { ok: true } } });

    await writeConfig(temp.dir, 'languages: [oops\n');
    const broken = await fetch(`${server.base}/readyz`);
    expect(broken.status).toBe(503);
    const body = (await broken.json()) as {
      status: string;
      checks: { config: { ok: boolean; detail: string } };
    };
    expect(body.status).toBe('not_ready');
    expect(body.checks.config.ok).toBe(false);
    expect(body.checks.config.detail).toContain('config.yaml');
  });

  it('answers other paths with 404 naming the MCP endpoint', async () => {
    const response = await fetch(`${server.base}/`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { reason: string }).reason).toContain('/mcp');
  });
});
