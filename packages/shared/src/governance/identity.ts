// Identity stage: who is calling. Over stdio the caller is the local user. A call the orchestrator
// delegates to the coder carries the original caller in its `_meta`, recorded as `on_behalf_of`.
// Over HTTP the caller is whoever the bearer token names (verified in runtime/http-auth.ts, handed
// over as the SDK's authInfo); an HTTP caller's `_meta` is never trusted, since anyone can write it.
import os from 'node:os';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';

export const IDENTITY_META_KEY = 'tandem/identity';
/** Where the HTTP runtime puts the verified Identity inside the SDK's `authInfo.extra`. */
export const AUTH_IDENTITY_KEY = 'tandem/identity';

export interface Principal {
  subject: string;
  role: string;
  /** Organisation and plan, when the token carries them (JWT claims `org`, `plan`). */
  org?: string;
  plan?: string;
}

export interface Identity extends Principal {
  transport: 'stdio' | 'http';
  on_behalf_of?: Principal;
}

export function localIdentity(role = 'developer'): Identity {
  let subject: string;
  try {
    subject = os.userInfo().username;
  } catch {
    subject = process.env.USER ?? process.env.USERNAME ?? 'local';
  }
  return { subject, role, transport: 'stdio' };
}

function asPrincipal(value: unknown): Principal | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { subject, role, org, plan } = value as Record<string, unknown>;
  if (typeof subject !== 'string' || typeof role !== 'string') return undefined;
  return {
    subject: subject.slice(0, 200),
    role: role.slice(0, 100),
    ...(typeof org === 'string' ? { org: org.slice(0, 200) } : {}),
    ...(typeof plan === 'string' ? { plan: plan.slice(0, 100) } : {}),
  };
}

/** The Identity the HTTP runtime verified for this request, if any. */
export function httpIdentityOf(authInfo: AuthInfo | undefined): Identity | undefined {
  const identity = authInfo?.extra?.[AUTH_IDENTITY_KEY] as Identity | undefined;
  return identity?.transport === 'http' ? identity : undefined;
}

export function resolveIdentity(
  local: Identity,
  meta: Record<string, unknown> | undefined,
  authInfo?: AuthInfo,
): Identity {
  const fromToken = httpIdentityOf(authInfo);
  if (fromToken) return fromToken;
  // A server reached over HTTP without a verified identity never falls back to trusting `_meta`.
  if (local.transport !== 'stdio') return local;
  const delegatedFor = asPrincipal(meta?.[IDENTITY_META_KEY]);
  return delegatedFor ? { ...local, on_behalf_of: delegatedFor } : local;
}

/** The principal a server passes along when it delegates a call: the original caller, not itself. */
export function principalOf(identity: Identity): Principal {
  if (identity.on_behalf_of) return identity.on_behalf_of;
  const { subject, role, org, plan } = identity;
  return { subject, role, ...(org === undefined ? {} : { org }), ...(plan === undefined ? {} : { plan }) };
}
