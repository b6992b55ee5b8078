// The `auth` section: how HTTP callers prove who they are. stdio callers are the local user and never
// read it. Secrets themselves never live in the file: the JWT secret comes from an environment
// variable, static tokens are listed by their SHA-256 hash.
import { z } from 'zod';

/** Algorithms a JWT may be signed with: HMAC with the shared secret, or a public key of the JWKS. */
export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'PS256',
  'ES256',
  'ES384',
  'EdDSA',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name such as TANDEM_JWT_SECRET');

const jwtSettings = z.strictObject({
  secret_env: envName
    .default('TANDEM_JWT_SECRET')
    .describe('Environment variable holding the HS256 shared secret (at least 32 characters)'),
  jwks_file: z
    .string()
    .min(1)
    .optional()
    .describe('JSON Web Key Set with the public keys of RS256/ES256 tokens; relative to the workspace root'),
  algorithms: z
    .array(z.enum(JWT_ALGORITHMS))
    .min(1)
    .optional()
    .describe('Accepted algorithms; default HS256 with the secret, RS256 and ES256 with the JWKS'),
  issuer: z.string().min(1).optional().describe('Required `iss` claim'),
  audience: z.string().min(1).optional().describe('Required `aud` claim'),
});

const roleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lowercase letters, digits, "_" or "-", starting with a letter');

const staticToken = z.strictObject({
  sha256: z
    .string()
    .trim()
    .transform((value) => value.toLowerCase())
    .refine((value) => /^[0-9a-f]{64}$/.test(value), {
      message: 'must be the 64 hex digits of the token\'s SHA-256 (e.g. `printf %s "$TOKEN" | sha256sum`)',
    }),
  subject: z.string().min(1).max(200),
  role: roleName,
});

const httpSettings = z.strictObject({
  allowed_hosts: z
    .array(z.string().min(1))
    .optional()
    .describe('Host names (no port) accepted in the Host header; default the bind host and localhost'),
  allowed_origins: z
    .array(z.url())
    .optional()
    .describe('Origins accepted from browsers, e.g. https://app.example.com; default the allowed hosts'),
});

export const authSection = z.strictObject({
  jwt: jwtSettings.prefault({}),
  static_tokens: z.array(staticToken).default([]),
  http: httpSettings.prefault({}),
});

export type AuthConfig = z.output<typeof authSection>;
