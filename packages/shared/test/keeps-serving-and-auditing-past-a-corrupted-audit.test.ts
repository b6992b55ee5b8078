import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/governance/audit.js';
import { listAuditFiles, readAuditRecords } from '../src/governance/audit-files.js';
import { createToolServer } from '../src/seam/create-tool-server.js';
import { auditFileOf } from './support/audit-file.js';
import { makeTempDir } from './support/temp-dir.js';
import { allTestTools, type Connected, connect, silentLogger, textOf } from './support/test-tools.js';

async function readBack(dir: string): Promise<{ records: AuditRecord[]; badLines: number }> {
  const stats = { badLines: 0 };
  const records: AuditRecord[] = [];
  for await (const record of readAuditRecords(await listAuditFiles(dir), stats)) records.push(record);
  return { records, badLines: stats.badLines };
}

describe('a corrupted audit file', () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('does not stop the server: garbage and a line cut short are skipped, new records start on a line of their own', async () => {
    const garbage = [
      'not json at all',
      '{"a":1}',
      '\u0000\u0001\u00ff binary',
      '{"time":"2025-01-01T00:00:00.000Z","tool":"echo","outc', // cut short by a crash, no newline
    ].join('\n');
    session = await connect();
    await mkdir(path.dirname(auditFileOf(session.root)), { recursive: true });
    await writeFile(auditFileOf(session.root), garbage);
    for (const message of ['one', 'two']) {
      const result = await session.client.callTool({ name: 'echo', arguments: { message } });
      expect(textOf(result)).toBe(`echo: ${message}`);
    }
    // More garbage while the server runs, then another call.
    await session.toolServer.audit.flush();
    await appendFile(auditFileOf(session.root), '}}}} more garbage\n');
    await session.client.callTool({ name: 'echo', arguments: { message: 'three' } });
    await session.toolServer.audit.flush();

    const raw = await readFile(auditFileOf(session.root), 'utf8');
    expect(raw.startsWith(garbage)).toBe(true);
    const { records, badLines } = await readBack(session.toolServer.audit.dir);
    expect(records.map((record) => (record.args as { message: string }).message)).toEqual([
      'one',
      'two',
      'three',
    ]);
    expect(badLines).toBe(5);
  });

  it('does not stop the server when the audit cannot be written at all, and says so once', async () => {
    const temp = await makeTempDir();
    try {
      // A file where the audit directory should be: every append fails.
      await mkdir(path.join(temp.dir, '.tandem'), { recursive: true });
      await writeFile(path.join(temp.dir, '.tandem', 'audit'), 'in the way');
      const warnings: string[] = [];
      const logger = {
        ...silentLogger,
        warn: (message: string) => warnings.push(message),
        child: () => logger,
      };
      const toolServer = createToolServer({
        name: 'test-server',
        version: '0.0.1',
        instructions: 'Test tools.',
        root: temp.dir,
        tools: allTestTools,
        services: { ran: [], signals: [] },
        logger,
      });
      const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
      const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const client = new Client({ name: 'test-client', version: '0.0.1' });
      await toolServer.server.connect(serverSide);
      await client.connect(clientSide);
      for (let n = 0; n < 3; n += 1) {
        const result = await client.callTool({ name: 'echo', arguments: { message: `m${n}` } });
        expect(result.isError).toBeFalsy();
      }
      await toolServer.audit.flush();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^cannot write the audit log .*audit\.jsonl: /);
      await client.close();
      await toolServer.server.close();
    } finally {
      await temp.remove();
    }
  });
});
