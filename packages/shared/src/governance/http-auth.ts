// Identity over HTTP: the bearer token of a request becomes an Identity, or a 401 with its reason.
// Two kinds of token: a JWT verified with jose (HS* against a shared secret from the environment,
// RS256/ES256/... against a local JWKS file), or a static token the config lists by its SHA-256.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CryptoKey, JWSHeaderParameters, JWTPayload, KeyObject } from 'jose';
import type { AuthConfig, JwtAlgorithm } from '../config/auth.js';
import type { Identity } from './identity.js';

/** Role of a token that names none: the least privilege, so a token has to ask for more. */
export const DEFAULT_TOKEN_ROLE = 'viewer';
/** Below this an HS256 secret can be brute-forced offline from any token it signed. */
export const MIN_SECRET_LENGTH = 32;

export type AuthResult =
  | { ok: true; identity: Identity; token: string; expiresAt?: number }
  | {
      ok: false;
      /** RFC 6750 error code; absent when the request carried no credentials at all. */
      error?: 'invalid_request' | 'invalid_token';
      reason: string;
    };

export interface Authenticator {
  /** What the server accepts, for the start-up log: no secrets, no hashes. */
  methods: string[];
  authenticate(authorization: string | undefined): Promise<AuthResult>;
}

/** The auth config cannot be used (unreadable JWKS, short secret, ...): the server must not start. */
export class AuthSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthSetupError';
  }
}

type Verify = (token: string) => Promise<JWTPayload>;

const HMAC = /^HS/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function readJwks(file: string): { keys: Record<string, unknown>[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AuthSetupError(
      `auth.jwt.jwks_file ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new AuthSetupError(`auth.jwt.jwks_file ${file} has no keys: it must be a JWK Set, {"keys": [...]}`);
  }
  const secretParts = keys.filter((key) => typeof key === 'object' && key !== null && 'd' in key);
  if (secretParts.length > 0) {
    throw new AuthSetupError(
      `auth.jwt.jwks_file ${file} holds private keys: keep only the public keys (drop the "d" members)`,
    );
  }
  return { keys: keys as Record<string, unknown>[] };
}

/** Builds the JWT verifier, or undefined when neither a secret nor a JWKS is configured. */
async function jwtVerifier(
  config: AuthConfig['jwt'],
  root: string,
  env: NodeJS.ProcessEnv,
  methods: string[],
): Promise<Verify | undefined> {
  const secret = env[config.secret_env] || undefined;
  const jwksFile = config.jwks_file ? path.resolve(root, config.jwks_file) : undefined;
  if (!secret && !jwksFile) return undefined;

  if (secret && secret.length < MIN_SECRET_LENGTH) {
    throw new AuthSetupError(
      `$${config.secret_env} is ${secret.length} characters long; an HS256 secret needs at least ` +
        `${MIN_SECRET_LENGTH} (e.g. \`openssl rand -base64 48\`).`,
    );
  }
  const algorithms: JwtAlgorithm[] = config.algorithms ?? [
    ...(secret ? (['HS256'] as const) : []),
    ...(jwksFile ? (['RS256', 'ES256'] as const) : []),
  ];
  const wantsHmac = algorithms.filter((alg) => HMAC.test(alg));
  const wantsKeys = algorithms.filter((alg) => !HMAC.test(alg));
  if (wantsHmac.length > 0 && !secret) {
    throw new AuthSetupError(
      `auth.jwt.algorithms lists ${wantsHmac.join(', ')} but $${config.secret_env} is not set.`,
    );
  }
  if (wantsKeys.length > 0 && !jwksFile) {
    throw new AuthSetupError(
      `auth.jwt.algorithms lists ${wantsKeys.join(', ')} but auth.jwt.jwks_file is not set.`,
    );
  }

  // Loaded only in HTTP mode: stdio servers never verify a token.
  const jose = await import('jose');
  const secretKey = secret ? new TextEncoder().encode(secret) : undefined;
  let keySet: ((header: JWSHeaderParameters) => Promise<CryptoKey | KeyObject>) | undefined;
  if (jwksFile) {
    const jwks = readJwks(jwksFile);
    try {
      keySet = jose.createLocalJWKSet(jwks as Parameters<typeof jose.createLocalJWKSet>[0]);
    } catch (error) {
      throw new AuthSetupError(
        `auth.jwt.jwks_file ${jwksFile} is not a valid JWK Set: ${(error as Error).message}`,
      );
    }
  }
  if (wantsHmac.length > 0)
    methods.push(`JWT ${wantsHmac.join('/')} with the secret in $${config.secret_env}`);
  if (wantsKeys.length > 0) methods.push(`JWT ${wantsKeys.join('/')} with the keys of ${jwksFile}`);

  const resolveKey = async (header: JWSHeaderParameters) => {
    if (HMAC.test(header.alg ?? '')) {
      if (!secretKey)
        throw new jose.errors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
      return secretKey;
    }
    if (!keySet)
      throw new jose.errors.JOSEAlgNotAllowed(`"alg" (Algorithm) Header Parameter value not allowed`);
    return keySet(header);
  };
  return async (token) => {
    const { payload } = await jose.jwtVerify(token, resolveKey, {
      algorithms,
      requiredClaims: ['exp', 'sub'],
      ...(config.issuer ? { issuer: config.issuer } : {}),
      ...(config.audience ? { audience: config.audience } : {}),
    });
    return payload;
  };
}

/** A caller-facing reason for a rejected JWT: what was wrong, never the token or key material. */
function jwtRejection(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message ?? String(error);
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'token expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'token signature verification failed';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return `malformed token: ${message}`;
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'token signed with an algorithm this server does not accept';
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'no key of the server matches the token';
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'several keys of the server match the token: give it a "kid"';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `token claim check failed: ${message}`;
    case 'ERR_JOSE_NOT_SUPPORTED':
      return `token not supported: ${message}`;
    default:
      return code ? `token rejected (${code})` : 'malformed token';
  }
}

function optionalString(payload: JWTPayload, claim: string): string | undefined {
  const value = payload[claim];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0)
    throw new Error(`claim "${claim}" must be a non-empty string`);
  return value;
}

function identityOfClaims(payload: JWTPayload): Identity {
  const org = optionalString(payload, 'org');
  const plan = optionalString(payload, 'plan');
  return {
    subject: (payload.sub ?? '').slice(0, 200),
    role: (optionalString(payload, 'role') ?? DEFAULT_TOKEN_ROLE).slice(0, 100),
    ...(org === undefined ? {} : { org: org.slice(0, 200) }),
    ...(plan === undefined ? {} : { plan: plan.slice(0, 100) }),
    transport: 'http',
  };
}

/**
 * Builds the authenticator from the `auth` config section and the environment. Undefined means no
 * method is configured (the HTTP runtime then refuses to start without --no-auth); a method that is
 * configured but unusable is an AuthSetupError.
 */
export async function createAuthenticator(
  config: AuthConfig,
  options: { root: string; env?: NodeJS.ProcessEnv },
): Promise<Authenticator | undefined> {
  const methods: string[] = [];
  const verifyJwt = await jwtVerifier(config.jwt, options.root, options.env ?? process.env, methods);
  // Looked up by hash: the hash of an attacker's guess says nothing about a listed token.
  const statics = new Map(config.static_tokens.map((entry) => [entry.sha256, entry]));
  if (statics.size > 0) methods.push(`${statics.size} static token(s) listed by SHA-256`);
  if (!verifyJwt && statics.size === 0) return undefined;

  return {
    methods,
    async authenticate(authorization) {
      if (authorization === undefined || authorization.trim() === '') {
        return { ok: false, reason: 'missing bearer token: send "Authorization: Bearer <token>"' };
      }
      const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization);
      const token = match?.[1];
      if (!token) {
        return {
          ok: false,
          error: 'invalid_request',
          reason: 'malformed Authorization header: expected "Bearer <token>"',
        };
      }
      const listed = statics.get(sha256Hex(token));
      if (listed) {
        return {
          ok: true,
          token,
          identity: { subject: listed.subject, role: listed.role, transport: 'http' },
        };
      }
      if (!JWT_SHAPE.test(token)) {
        return {
          ok: false,
          error: 'invalid_token',
          reason: verifyJwt ? 'unknown token: neither a listed static token nor a JWT' : 'unknown token',
        };
      }
      if (!verifyJwt) {
        return { ok: false, error: 'invalid_token', reason: 'unknown token: this server accepts no JWTs' };
      }
      let payload: JWTPayload;
      try {
        payload = await verifyJwt(token);
      } catch (error) {
        return { ok: false, error: 'invalid_token', reason: jwtRejection(error) };
      }
      try {
        const identity = identityOfClaims(payload);
        return {
          ok: true,
          token,
          identity,
          ...(payload.exp === undefined ? {} : { expiresAt: payload.exp }),
        };
      } catch (error) {
        return { ok: false, error: 'invalid_token', reason: (error as Error).message };
      }
    },
  };
}
