// Identity stage: who is calling. Over stdio the caller is the local user. A call the orchestrator
// delegates to the coder carries the original caller in its `_meta`, recorded as `on_behalf_of`.
import os from 'node:os';

export const IDENTITY_META_KEY = 'tandem/identity';

export interface Principal {
  subject: string;
  role: string;
}

export interface Identity extends Principal {
  transport: 'stdio';
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
  const { subject, role } = value as Record<string, unknown>;
  if (typeof subject !== 'string' || typeof role !== 'string') return undefined;
  return { subject: subject.slice(0, 200), role: role.slice(0, 100) };
}

export function resolveIdentity(local: Identity, meta: Record<string, unknown> | undefined): Identity {
  const delegatedFor = asPrincipal(meta?.[IDENTITY_META_KEY]);
  return delegatedFor ? { ...local, on_behalf_of: delegatedFor } : local;
}

/** The principal a server passes along when it delegates a call: the original caller, not itself. */
export function principalOf(identity: Identity): Principal {
  return identity.on_behalf_of ?? { subject: identity.subject, role: identity.role };
}
