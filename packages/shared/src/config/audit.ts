// The `audit` section: how large the audit files under .tandem/audit/ grow and how many are kept.
import { z } from 'zod';

export const DEFAULT_AUDIT_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_AUDIT_FILES = 10;

export const auditConfig = z.strictObject({
  max_file_bytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_AUDIT_FILE_BYTES)
    .describe('Size at which audit.jsonl is rotated to audit.1.jsonl'),
  max_files: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_AUDIT_FILES)
    .describe('Audit files kept, the current one included; the oldest is deleted'),
});

export type AuditConfig = z.output<typeof auditConfig>;
