import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog, type AuditRecord } from '../src/governance/audit.js';
import { listAuditFiles, readAuditRecords } from '../src/governance/audit-files.js';
import { makeTempDir } from './support/temp-dir.js';
import { type Connected, connect, silentLogger } from './support/test-tools.js';

function record(n: number): AuditRecord {
  return {
    time: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
    server: 'test-server',
    tool: 'echo',
    request_id: n,
    identity: { subject: 'alice', role: 'developer', transport: 'stdio' },
    role: 'developer',
    args_shape: { message: 'string(100)' },
    args: { message: `call ${n} ${'padding '.repeat(12)}` },
    outcome: 'ok',
    duration_ms: 1,
    request_bytes: 120,
    bytes_returned: 80,
  };
}

async function allRecords(dir: string): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  const stats = { badLines: 0 };
  for await (const entry of readAuditRecords(await listAuditFiles(dir), stats)) out.push(entry);
  expect(stats.badLines).toBe(0);
  return out;
}

describe('audit rotation', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('rotates audit.jsonl to audit.1.jsonl … when the next record would pass max_file_bytes, keeping max_files', async () => {
    const audit = new AuditLog(temp.dir, silentLogger, { maxFileBytes: 2048, maxFiles: 3 });
    const lineBytes = Buffer.byteLength(`${JSON.stringify(record(10))}\n`);
    const perFile = Math.floor(2048 / lineBytes);
    const total = perFile * 5 + 1;
    for (let n = 0; n < total; n += 1) audit.append(record(n));
    await audit.flush();

    expect((await readdir(audit.dir)).sort()).toEqual(['audit.1.jsonl', 'audit.2.jsonl', 'audit.jsonl']);
    for (const file of await listAuditFiles(audit.dir))
      expect((await stat(file)).size).toBeLessThanOrEqual(2048);
    // The newest records survive, in order across the files; the oldest files were deleted.
    const kept = await allRecords(audit.dir);
    expect(kept.map((entry) => entry.request_id)).toEqual(
      Array.from({ length: perFile * 2 + 1 }, (_, i) => total - (perFile * 2 + 1) + i),
    );
    const current = (await readFile(audit.file, 'utf8')).trimEnd().split('\n');
    expect(current).toHaveLength(1);
    expect(JSON.parse(current[0] as string).request_id).toBe(total - 1);
  });

  it('deletes rotated files past a lowered max_files at the next rotation', async () => {
    const big = new AuditLog(temp.dir, silentLogger, { maxFileBytes: 1024, maxFiles: 6 });
    for (let n = 0; n < 40; n += 1) big.append(record(n));
    await big.flush();
    expect((await readdir(big.dir)).length).toBe(6);
    const small = new AuditLog(temp.dir, silentLogger, { maxFileBytes: 1024, maxFiles: 2 });
    for (let n = 40; n < 50; n += 1) small.append(record(n));
    await small.flush();
    expect((await readdir(small.dir)).sort()).toEqual(['audit.1.jsonl', 'audit.jsonl']);
  });

  it('takes the limits from the config', async () => {
    let session: Connected | undefined;
    try {
      session = await connect({ configYaml: 'audit:\n  max_file_bytes: 1024\n  max_files: 2\n' });
      for (let n = 0; n < 12; n += 1)
        await session.client.callTool({
          name: 'echo',
          arguments: { message: `hello ${n} ${'x '.repeat(40)}` },
        });
      await session.toolServer.audit.flush();
      const dir = session.toolServer.audit.dir;
      expect((await readdir(dir)).sort()).toEqual(['audit.1.jsonl', 'audit.jsonl']);
      const kept = await allRecords(dir);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(12);
      expect(kept.at(-1)?.args).toMatchObject({ message: expect.stringMatching(/^hello 11 /) });
    } finally {
      await session?.close();
    }
  });

  it('clears a rotation lock left by a dead process, and rotates', async () => {
    const audit = new AuditLog(temp.dir, silentLogger, { maxFileBytes: 1024, maxFiles: 2 });
    audit.append(record(0));
    await audit.flush();
    const lock = path.join(audit.dir, '.rotate.lock');
    await writeFile(lock, '');
    const { utimes } = await import('node:fs/promises');
    const old = new Date(Date.now() - 60_000);
    await utimes(lock, old, old);
    for (let n = 1; n < 10; n += 1) audit.append(record(n));
    await audit.flush();
    expect((await readdir(audit.dir)).sort()).toEqual(['audit.1.jsonl', 'audit.jsonl']);
  });
});
