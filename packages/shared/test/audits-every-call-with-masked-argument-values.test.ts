import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditFileOf, readAudit } from './support/audit-file.js';
import { fake } from './support/fake-secrets.js';
import { type Connected, connect } from './support/test-tools.js';

const SECRET = 'sk-live-7f3a9c1e5b2d4f6a8c0e-DO-NOT-LOG';

describe('audit log', () => {
  let session: Connected;
  beforeEach(async () => {
    session = await connect({ limits: { timeoutMs: 100 } });
  });
  afterEach(async () => {
    await session.close();
  });

  it('writes one JSON line per call to <root>/.tandem/audit/audit.jsonl', async () => {
    expect(session.toolServer.audit.file).toBe(path.join(session.root, '.tandem', 'audit', 'audit.jsonl'));
    expect(auditFileOf(session.root)).toBe(session.toolServer.audit.file);
    await session.client.callTool({ name: 'echo', arguments: { message: 'one' } });
    await session.client.callTool({ name: 'whoami', arguments: {} });
    await session.client.callTool({ name: 'refuse', arguments: {} });
    const { records } = await readAudit(session);
    expect(records.map((record) => record.tool)).toEqual(['echo', 'whoami', 'refuse']);
    for (const record of records) {
      expect(record.server).toBe('test-server');
      expect(typeof record.duration_ms).toBe('number');
      expect(record.duration_ms).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(record.time))).toBe(false);
      expect(record.identity).toMatchObject({
        subject: os.userInfo().username,
        role: 'developer',
        transport: 'stdio',
      });
      expect(record.role).toBe('developer');
    }
    expect(new Set(records.map((record) => record.request_id)).size).toBe(3);
  });

  it("records the outcome: 'ok', 'error' and 'timeout', with the error's type and message", async () => {
    await session.client.callTool({ name: 'echo', arguments: { message: 'fine' } });
    await session.client.callTool({ name: 'crash', arguments: {} });
    await session.client.callTool({ name: 'slow', arguments: {} });
    await session.client.callTool({ name: 'missing_tool', arguments: {} });
    const { records } = await readAudit(session);
    expect(records.map((record) => [record.tool, record.outcome])).toEqual([
      ['echo', 'ok'],
      ['crash', 'error'],
      ['slow', 'timeout'],
      ['missing_tool', 'error'],
    ]);
    expect(records[0]?.error).toBeUndefined();
    expect(records[1]?.error).toEqual({ type: 'Error', message: 'kaboom' });
    expect(records[2]?.error?.type).toBe('CallTimeoutError');
    expect(records[3]?.error).toEqual({ type: 'ToolError', message: 'Unknown tool "missing_tool".' });
    expect(records[2]?.duration_ms).toBeGreaterThanOrEqual(90);
  });

  it('records the shape of the arguments and their values, with secrets masked', async () => {
    const token = fake.githubToken();
    const message = `push with ${token}`;
    await session.client.callTool({ name: 'echo', arguments: { message, times: 2, note: null } });
    await session.client.callTool({ name: 'echo', arguments: { message: 'hello', times: 'twice' } });
    await session.client.callTool({ name: 'whoami', arguments: { token: SECRET, nested: { key: SECRET } } });
    const { raw, records } = await readAudit(session);
    expect(records).toHaveLength(3);
    expect(records[0]?.args_shape).toEqual({
      message: `string(${message.length})`,
      times: 'number',
      note: 'null',
    });
    expect(records[0]?.args).toEqual({ message: `push with ${token.slice(0, 4)}****`, times: 2, note: null });
    expect(records[0]?.outcome).toBe('ok');
    expect(records[1]?.args_shape).toEqual({ message: 'string(5)', times: 'string(5)' });
    expect(records[1]?.args).toEqual({ message: 'hello', times: 'twice' });
    expect(records[1]?.outcome).toBe('error');
    expect(records[2]?.args_shape).toEqual({
      token: `string(${SECRET.length})`,
      nested: { key: `string(${SECRET.length})` },
    });
    // Values under secret-looking keys are masked whatever they look like.
    expect(records[2]?.args).toEqual({ token: '****', nested: { key: '****' } });
    expect(records[0]?.request_bytes).toBe(
      Buffer.byteLength(JSON.stringify({ message, times: 2, note: null })),
    );
    expect(raw).not.toContain(token);
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('sk-live');
  });
});
