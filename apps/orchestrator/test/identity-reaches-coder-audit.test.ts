// A delegated call carries the original caller: the real coder records it as on_behalf_of in its audit.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type AuditRecord, createLogger } from '@tandem/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CoderClient } from '../src/coder-client/coder-client.js';
import { coderMain } from './support/paths.js';
import { pollUntil } from './support/processes.js';

let root: string;
let coder: CoderClient | undefined;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-identity-'));
});

afterEach(async () => {
  await coder?.close();
  coder = undefined;
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

it("records the caller a delegated call is made for in the coder's audit log", async () => {
  coder = new CoderClient({
    root,
    entry: coderMain,
    logger: createLogger('identity-test', 'error'),
    clientVersion: '0.0.0-test',
    pingIntervalMs: 0,
  });
  const result = await coder.call('list_languages', {}, { onBehalfOf: { subject: 'alice', role: 'viewer' } });
  expect(result.languages.length).toBeGreaterThan(0);

  const auditFile = path.join(root, '.tandem', 'audit', 'audit.jsonl');
  const record = await pollUntil('the audit record of list_languages', async () => {
    if (!existsSync(auditFile)) return undefined;
    const records = (await readFile(auditFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditRecord);
    return records.find((entry) => entry.tool === 'list_languages');
  });
  expect(record.server).toBe('tandem-coder');
  expect(record.outcome).toBe('ok');
  expect(record.identity.on_behalf_of).toEqual({ subject: 'alice', role: 'viewer' });
  expect(record.identity.transport).toBe('stdio');
});
