// How `tandem audit` prints: one line per record for people, a table for --stats.
import type { AuditRecord } from '@tandem/shared';
import type { AuditStats } from './audit-stats.js';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(1) : String(Math.round(ms));
}

/** `alice/viewer`, or `alice/viewer via bob` for a call bob's server made on alice's behalf. */
function who(record: AuditRecord): string {
  const { subject, on_behalf_of: behalf } = record.identity;
  return behalf ? `${behalf.subject}/${record.role} via ${subject}` : `${subject}/${record.role}`;
}

export function formatRecord(record: AuditRecord): string {
  const parts = [
    record.time,
    record.server,
    record.tool,
    who(record),
    record.outcome,
    `${formatMs(record.duration_ms)} ms`,
    formatBytes(record.bytes_returned ?? 0),
  ];
  if (record.files_changed && record.files_changed.length > 0)
    parts.push(`files: ${record.files_changed.join(', ')}`);
  let line = parts.join('  ');
  if (record.error) line += `  ${record.error.type}: ${record.error.message.replace(/\s+/g, ' ')}`;
  return line;
}

export function formatStats(stats: AuditStats): string {
  const rows = [
    ['tool', 'calls', 'errors', 'p50 ms', 'p95 ms'],
    ...stats.tools.map((t) => [
      t.tool,
      String(t.calls),
      String(t.errors),
      formatMs(t.p50_ms),
      formatMs(t.p95_ms),
    ]),
    [
      'all tools',
      String(stats.total.calls),
      String(stats.total.errors),
      formatMs(stats.total.p50_ms),
      formatMs(stats.total.p95_ms),
    ],
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}
