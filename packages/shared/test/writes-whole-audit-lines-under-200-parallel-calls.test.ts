import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditRecord } from '../src/governance/audit.js';
import { listAuditFiles } from '../src/governance/audit-files.js';
import { fake } from './support/fake-secrets.js';
import { makeTempDir } from './support/temp-dir.js';
import { type Connected, connect, silentLogger } from './support/test-tools.js';

/** Every line of every audit file, parsed; fails on a line that is not JSON. */
async function allLines(dir: string): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (const file of await listAuditFiles(dir)) {
    const raw = await readFile(file, 'utf8');
    expect(raw.endsWith('\n')).toBe(true);
    for (const line of raw.slice(0, -1).split('\n')) records.push(JSON.parse(line) as AuditRecord);
  }
  return records;
}

describe('the audit under concurrency', () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('writes 200 parallel calls as 200 whole lines, across rotations, secrets masked', async () => {
    session = await connect({ configYaml: 'audit:\n  max_file_bytes: 16384\n  max_files: 100\n' });
    const token = fake.githubToken();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        session!.client.callTool({ name: 'echo', arguments: { message: `call ${n} with ${token}` } }),
      ),
    );
    expect(results.every((result) => !result.isError)).toBe(true);
    await session.toolServer.audit.flush();
    const files = await listAuditFiles(session.toolServer.audit.dir);
    expect(files.length).toBeGreaterThan(1);
    const records = await allLines(session.toolServer.audit.dir);
    expect(records).toHaveLength(200);
    expect(new Set(records.map((record) => record.request_id)).size).toBe(200);
    const messages = records.map((record) => (record.args as { message: string }).message).sort();
    expect(messages).toEqual(
      Array.from({ length: 200 }, (_, n) => `call ${n} with ${token.slice(0, 4)}****`).sort(),
    );
  });

  it('keeps every record when two writers (two processes on one root) rotate the same directory', async () => {
    const temp = await makeTempDir();
    try {
      const writers = [0, 1].map(
        () => new AuditLog(temp.dir, silentLogger, { maxFileBytes: 4096, maxFiles: 1000 }),
      );
      for (let n = 0; n < 200; n += 1) {
        for (const [w, writer] of writers.entries()) {
          writer.append({
            time: new Date().toISOString(),
            server: `writer-${w}`,
            tool: 'echo',
            request_id: n,
            identity: { subject: 'alice', role: 'developer', transport: 'stdio' },
            role: 'developer',
            args_shape: {},
            args: { message: `${w}:${n} ${'pad '.repeat(10)}` },
            outcome: 'ok',
            duration_ms: 1,
            request_bytes: 2,
            bytes_returned: 2,
          });
        }
      }
      await Promise.all(writers.map((writer) => writer.flush()));
      const records = await allLines(writers[0]!.dir);
      expect(records).toHaveLength(400);
      for (const w of [0, 1]) {
        const ids = records
          .filter((record) => record.server === `writer-${w}`)
          .map((record) => record.request_id);
        expect(ids).toEqual(Array.from({ length: 200 }, (_, n) => n));
      }
    } finally {
      await temp.remove();
    }
  });
});
