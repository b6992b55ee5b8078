import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { AuditRecord } from '../../src/governance/audit.js';
import type { Connected } from './test-tools.js';

/** The current audit file of a workspace root. */
export function auditFileOf(root: string): string {
  return path.join(root, '.tandem', 'audit', 'audit.jsonl');
}

/** Flushes the session's audit log and returns the raw file and its parsed lines. */
export async function readAudit(session: Connected): Promise<{ raw: string; records: AuditRecord[] }> {
  await session.toolServer.audit.flush();
  const raw = await readFile(auditFileOf(session.root), 'utf8');
  const lines = raw.split('\n');
  expect(lines.at(-1)).toBe('');
  return { raw, records: lines.slice(0, -1).map((line) => JSON.parse(line) as AuditRecord) };
}
