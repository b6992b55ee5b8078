import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDENTITY_META_KEY } from '../src/governance/identity.js';
import { readAudit } from './support/audit-file.js';
import { type Connected, connect } from './support/test-tools.js';

describe('identity', () => {
  let session: Connected;
  beforeEach(async () => {
    session = await connect();
  });
  afterEach(async () => {
    await session.close();
  });

  it('audits a call carrying tandem/identity in _meta as on behalf of that principal', async () => {
    expect(IDENTITY_META_KEY).toBe('tandem/identity');
    const result = await session.client.callTool({
      name: 'whoami',
      arguments: {},
      _meta: { 'tandem/identity': { subject: 'alice', role: 'viewer' } },
    });
    expect(result.structuredContent).toEqual({ subject: os.userInfo().username, on_behalf_of: 'alice' });
    const { records } = await readAudit(session);
    expect(records).toHaveLength(1);
    expect(records[0]?.identity).toEqual({
      subject: os.userInfo().username,
      role: 'developer',
      transport: 'stdio',
      on_behalf_of: { subject: 'alice', role: 'viewer' },
    });
  });

  it('audits a call without _meta, or with a malformed identity, as the local user alone', async () => {
    await session.client.callTool({ name: 'whoami', arguments: {} });
    await session.client.callTool({
      name: 'whoami',
      arguments: {},
      _meta: { 'tandem/identity': { subject: 'mallory' } },
    });
    await session.client.callTool({ name: 'whoami', arguments: {}, _meta: { 'tandem/identity': 'bob' } });
    const { records } = await readAudit(session);
    expect(records).toHaveLength(3);
    for (const record of records) {
      expect(record.identity).toEqual({
        subject: os.userInfo().username,
        role: 'developer',
        transport: 'stdio',
      });
    }
  });
});
