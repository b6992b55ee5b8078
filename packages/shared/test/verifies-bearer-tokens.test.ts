// createAuthenticator turns the `auth` section into a token check: real tokens signed with jose here,
// each rejection with its reason, and set-ups that cannot work refused before the server starts.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authSection } from '../src/config/auth.js';
import { AuthSetupError, createAuthenticator } from '../src/governance/http-auth.js';
import { makeTempDir } from './support/temp-dir.js';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const key = new TextEncoder().encode(SECRET);
const config = (raw: unknown = {}) => authSection.parse(raw);

describe('createAuthenticator', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('configures nothing without a secret, a JWKS or static tokens', async () => {
    expect(await createAuthenticator(config(), { root: temp.dir, env: {} })).toBeUndefined();
  });

  it('maps the claims of a valid HS256 token onto an HTTP identity', async () => {
    const auth = await createAuthenticator(config(), { root: temp.dir, env: { TANDEM_JWT_SECRET: SECRET } });
    const token = await new SignJWT({ org: 'acme', role: 'developer', plan: 'free' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('1m')
      .sign(key);
    const result = await auth?.authenticate(`Bearer ${token}`);
    expect(result).toMatchObject({
      ok: true,
      identity: { subject: 'alice', role: 'developer', org: 'acme', plan: 'free', transport: 'http' },
    });
  });

  it('rejects tokens without exp or sub, unsigned ones, and claims of the wrong type', async () => {
    const auth = await createAuthenticator(config(), { root: temp.dir, env: { TANDEM_JWT_SECRET: SECRET } });
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('a').sign(key);
    const noSub = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1m')
      .sign(key);
    const unsigned = new UnsecuredJWT({}).setSubject('a').setExpirationTime('1m').encode();
    const badRole = await new SignJWT({ role: 7 })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('a')
      .setExpirationTime('1m')
      .sign(key);
    const reasons = await Promise.all(
      [noExp, noSub, unsigned, badRole].map(async (token) => {
        const result = await auth?.authenticate(`Bearer ${token}`);
        return result?.ok === false ? result.reason : 'accepted';
      }),
    );
    expect(reasons[0]).toMatch(/"exp"/);
    expect(reasons[1]).toMatch(/"sub"/);
    expect(reasons[2]).not.toBe('accepted');
    expect(reasons[3]).toBe('claim "role" must be a non-empty string');
  });

  it('finds static tokens by their SHA-256 only', async () => {
    const token = 'static-token-value';
    const sha256 = createHash('sha256').update(token).digest('hex');
    const auth = await createAuthenticator(
      config({ static_tokens: [{ sha256, subject: 'bot', role: 'viewer' }] }),
      {
        root: temp.dir,
        env: {},
      },
    );
    expect(await auth?.authenticate(`bearer ${token}`)).toMatchObject({
      ok: true,
      identity: { subject: 'bot', role: 'viewer', transport: 'http' },
    });
    expect(await auth?.authenticate(`Bearer ${sha256}`)).toMatchObject({ ok: false, error: 'invalid_token' });
    expect(await auth?.authenticate(undefined)).toEqual({
      ok: false,
      reason: 'missing bearer token: send "Authorization: Bearer <token>"',
    });
  });

  it('refuses set-ups that cannot work', async () => {
    const privateJwks = path.join(temp.dir, 'private.json');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await writeFile(privateJwks, JSON.stringify({ keys: [await exportJWK(privateKey)] }));
    const attempts = [
      createAuthenticator(config(), { root: temp.dir, env: { TANDEM_JWT_SECRET: 'short' } }),
      createAuthenticator(config({ jwt: { jwks_file: 'missing.json' } }), { root: temp.dir, env: {} }),
      createAuthenticator(config({ jwt: { jwks_file: 'private.json' } }), { root: temp.dir, env: {} }),
      createAuthenticator(config({ jwt: { algorithms: ['HS256'], jwks_file: 'private.json' } }), {
        root: temp.dir,
        env: {},
      }),
    ];
    const errors = await Promise.all(
      attempts.map((attempt) =>
        attempt.then(
          () => undefined,
          (error) => error,
        ),
      ),
    );
    for (const error of errors) expect(error).toBeInstanceOf(AuthSetupError);
    expect(errors.map((error) => (error as Error).message)).toEqual([
      expect.stringContaining('needs at least 32'),
      expect.stringContaining('cannot be read'),
      expect.stringContaining('private keys'),
      expect.stringContaining('is not set'),
    ]);
  });
});
