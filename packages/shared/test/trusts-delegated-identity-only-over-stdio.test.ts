// The identity stage takes an HTTP caller's identity from its verified token (the SDK's authInfo) and
// never from `_meta`, which any HTTP client can write; over stdio `_meta` still names the caller a
// delegated call is made for.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { describe, expect, it } from 'vitest';
import {
  AUTH_IDENTITY_KEY,
  IDENTITY_META_KEY,
  type Identity,
  localIdentity,
  principalOf,
  resolveIdentity,
} from '../src/governance/identity.js';

const delegated = { [IDENTITY_META_KEY]: { subject: 'root', role: 'maintainer' } };

function authInfo(identity: Identity): AuthInfo {
  return {
    token: 't',
    clientId: identity.subject,
    scopes: [identity.role],
    extra: { [AUTH_IDENTITY_KEY]: identity },
  };
}

describe('resolveIdentity', () => {
  const local = localIdentity('developer');
  const bearer: Identity = { subject: 'alice', role: 'viewer', org: 'acme', plan: 'team', transport: 'http' };

  it('uses the token identity for an HTTP call and ignores its _meta', () => {
    expect(resolveIdentity(local, delegated, authInfo(bearer))).toEqual(bearer);
  });

  it('trusts _meta over stdio, as on behalf of', () => {
    expect(resolveIdentity(local, delegated)).toEqual({
      ...local,
      on_behalf_of: { subject: 'root', role: 'maintainer' },
    });
  });

  it('ignores _meta for a server whose own identity is an HTTP one', () => {
    const httpLocal: Identity = { ...local, transport: 'http' };
    expect(resolveIdentity(httpLocal, delegated)).toEqual(httpLocal);
  });

  it('ignores authInfo that does not carry a verified HTTP identity', () => {
    const forged = {
      token: 't',
      clientId: 'x',
      scopes: [],
      extra: { [AUTH_IDENTITY_KEY]: { ...bearer, transport: 'stdio' } },
    };
    expect(resolveIdentity(local, undefined, forged)).toEqual(local);
  });

  it('passes org and plan along when delegating', () => {
    expect(principalOf(bearer)).toEqual({ subject: 'alice', role: 'viewer', org: 'acme', plan: 'team' });
  });
});
