// HTTP mode does not start unauthenticated by accident: with no method configured it exits 2 and
// says how to configure one; --no-auth is accepted on loopback only; a weak secret is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './support/coder.js';
import { runHttpCoder, startHttpCoder, writeConfig } from './support/http.js';

describe('HTTP start-up without authentication', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(async () => {
    await temp?.remove();
  });

  it('exits 2 when no authentication method is configured', async () => {
    const exit = await runHttpCoder(temp.dir, ['--port', '0']);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('HTTP mode needs authentication and none is configured');
    expect(exit.stderr).toContain('$TANDEM_JWT_SECRET');
    expect(exit.stderr).toContain('--no-auth');
  });

  it('refuses --no-auth on a host other machines can reach', async () => {
    for (const host of ['0.0.0.0', '192.0.2.10', '::']) {
      const exit = await runHttpCoder(temp.dir, ['--host', host, '--port', '0', '--no-auth']);
      expect(exit.code).toBe(2);
      expect(exit.stderr).toContain(`--no-auth is refused on --host ${host}`);
    }
  });

  it('serves with --no-auth on loopback, as the local user', async () => {
    const server = await startHttpCoder(temp.dir, ['--no-auth']);
    try {
      expect(server.stderr()).toContain('NO AUTHENTICATION (--no-auth)');
      const response = await fetch(`${server.base}/healthz`);
      expect(response.status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses an HS256 secret shorter than 32 characters', async () => {
    const exit = await runHttpCoder(temp.dir, ['--port', '0'], { TANDEM_JWT_SECRET: 'short' });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('$TANDEM_JWT_SECRET is 5 characters long');
  });

  it('reads the secret from the variable the config names', async () => {
    const dir = await makeTempDir();
    try {
      await writeConfig(dir.dir, 'auth:\n  jwt:\n    secret_env: MY_TEAM_SECRET\n');
      const refused = await runHttpCoder(dir.dir, ['--port', '0'], { TANDEM_JWT_SECRET: 'x'.repeat(40) });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('$MY_TEAM_SECRET');
      const server = await startHttpCoder(dir.dir, [], { MY_TEAM_SECRET: 'y'.repeat(40) });
      await server.stop();
    } finally {
      await dir.remove();
    }
  });

  it('exits 2 with the bad key when the auth section is invalid', async () => {
    const dir = await makeTempDir();
    try {
      await writeConfig(
        dir.dir,
        'auth:\n  static_tokens:\n    - sha256: nothex\n      subject: bot\n      role: viewer\n',
      );
      const exit = await runHttpCoder(dir.dir, ['--port', '0']);
      expect(exit.code).toBe(2);
      expect(exit.stderr).toContain('auth.static_tokens[0].sha256');
    } finally {
      await dir.remove();
    }
  });

  it('keeps HTTP flags out of stdio mode', async () => {
    const exit = await runHttpCoder(temp.dir, ['--transport', 'stdio', '--port', '8080']);
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain('--port applies to HTTP only');
  });
});
