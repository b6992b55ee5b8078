// Besides HS256, a server accepts static tokens the config lists by SHA-256, and RS256/ES256 JWTs
// checked against a JWKS file; a token it does not know gets 401.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from './support/coder.js';
import {
  auditOf,
  connectHttp,
  eventually,
  type HttpCoder,
  rawInitialize,
  signHs256,
  startHttpCoder,
  writeConfig,
} from './support/http.js';

const STATIC_TOKEN = 'tdm_static_token_for_the_ci_bot_7f3a9c';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function signWith(
  alg: 'RS256' | 'ES256',
  kid: string,
  privateKey: CryptoKey,
  sub: string,
): Promise<string> {
  return new SignJWT({ role: 'developer', org: 'acme' })
    .setProtectedHeader({ alg, kid })
    .setSubject(sub)
    .setIssuer('https://issuer.example')
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('static tokens and JWKS keys', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let server: HttpCoder;
  let rsa: { publicKey: CryptoKey; privateKey: CryptoKey };
  let ec: { publicKey: CryptoKey; privateKey: CryptoKey };

  beforeAll(async () => {
    temp = await makeTempDir();
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
    ];
    await writeFile(path.join(temp.dir, 'jwks.json'), JSON.stringify({ keys }));
    await writeConfig(
      temp.dir,
      [
        'auth:',
        '  jwt:',
        '    jwks_file: jwks.json',
        '    issuer: https://issuer.example',
        '  static_tokens:',
        `    - sha256: ${sha256(STATIC_TOKEN).toUpperCase()}`,
        '      subject: ci-bot',
        '      role: viewer',
        '',
      ].join('\n'),
    );
    server = await startHttpCoder(temp.dir);
  });
  afterAll(async () => {
    await server?.stop();
    await temp?.remove();
  });

  it('accepts a static token listed by its hash', async () => {
    const client = await connectHttp(server.url, STATIC_TOKEN);
    try {
      const result = await client.callTool({ name: 'list_languages', arguments: {} });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    const records = await eventually('the audit record', async () => {
      const found = await auditOf(temp.dir, 'list_languages');
      return found.length > 0 ? found : undefined;
    });
    expect(records[0]?.identity).toEqual({ subject: 'ci-bot', role: 'viewer', transport: 'http' });
  });

  it('answers 401 for a static token that is not listed', async () => {
    const response = await rawInitialize(server.url, {
      authorization: 'Bearer tdm_static_token_nobody_listed',
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'invalid_token' });
    expect(JSON.parse(response.body).reason).toMatch(/^unknown token/);
  });

  it('accepts RS256 and ES256 tokens signed by keys of the JWKS', async () => {
    for (const [alg, kid, key, sub] of [
      ['RS256', 'rsa-1', rsa.privateKey, 'rsa-user'],
      ['ES256', 'ec-1', ec.privateKey, 'ec-user'],
    ] as const) {
      const client = await connectHttp(server.url, await signWith(alg, kid, key, sub));
      try {
        const { tools } = await client.listTools();
        expect(tools.length).toBeGreaterThan(0);
        expect(
          (
            await client.callTool({
              name: 'validate_syntax',
              arguments: { text: '1', language: 'javascript' },
            })
          ).isError,
        ).toBeFalsy();
      } finally {
        await client.close();
      }
    }
    const records = await eventually('both audit records', async () => {
      const found = await auditOf(temp.dir, 'validate_syntax');
      return found.length >= 2 ? found : undefined;
    });
    expect(records.map((record) => record.identity.subject).sort()).toEqual(['ec-user', 'rsa-user']);
    expect(records[0]?.identity).toMatchObject({ role: 'developer', org: 'acme', transport: 'http' });
  });

  it('answers 401 for a JWT signed by a key outside the JWKS, or with the wrong issuer', async () => {
    const stranger = await generateKeyPair('RS256');
    const foreign = await rawInitialize(server.url, {
      authorization: `Bearer ${await signWith('RS256', 'rsa-1', stranger.privateKey, 'x')}`,
    });
    expect(foreign.status).toBe(401);
    expect(JSON.parse(foreign.body).reason).toBe('token signature verification failed');

    const wrongIssuer = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setSubject('x')
      .setIssuer('https://elsewhere.example')
      .setExpirationTime('5m')
      .sign(rsa.privateKey);
    const response = await rawInitialize(server.url, { authorization: `Bearer ${wrongIssuer}` });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).reason).toMatch(/iss/);
  });

  it('answers 401 for an HS256 token when no shared secret is configured', async () => {
    const response = await rawInitialize(server.url, {
      authorization: `Bearer ${await signHs256({ sub: 'x' })}`,
    });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).reason).toMatch(/algorithm/);
  });

  it('answers 401 for a JWT without exp', async () => {
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' })
      .setSubject('x')
      .setIssuer('https://issuer.example')
      .sign(rsa.privateKey);
    const response = await rawInitialize(server.url, { authorization: `Bearer ${noExp}` });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body).reason).toMatch(/exp/);
  });
});
