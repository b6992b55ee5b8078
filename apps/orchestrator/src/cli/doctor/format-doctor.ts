// The doctor's report: an aligned table (check, status, detail, fix) and a summary line, or one JSON
// object with the same content.
import { CHECK_STATUSES, type CheckResult, type CheckStatus } from './doctor-check.js';

export interface DoctorReport {
  root: string;
  /** True when every required check is ok or warn. */
  ok: boolean;
  exit_code: 0 | 1;
  counts: Record<CheckStatus, number>;
  /** Names of the required checks that are missing or broken. */
  failed_required: string[];
  checks: CheckResult[];
}

export function buildReport(root: string, checks: CheckResult[]): DoctorReport {
  const counts = Object.fromEntries(CHECK_STATUSES.map((status) => [status, 0])) as Record<
    CheckStatus,
    number
  >;
  for (const check of checks) counts[check.status] += 1;
  const failed = checks
    .filter((check) => check.required && (check.status === 'missing' || check.status === 'error'))
    .map((check) => check.name);
  return {
    root,
    ok: failed.length === 0,
    exit_code: failed.length === 0 ? 0 : 1,
    counts,
    failed_required: failed,
    checks,
  };
}

/** Details wider than this overflow their column rather than push the fixes off screen. */
const MAX_DETAIL_WIDTH = 72;

export function formatTable(report: DoctorReport): string[] {
  const rows = [
    ['CHECK', 'STATUS', 'DETAIL', 'FIX'],
    ...report.checks.map((check) => [
      check.name,
      check.required || check.status === 'ok' ? check.status : `${check.status}*`,
      check.detail,
      check.fix ?? '',
    ]),
  ];
  const width = (column: number, cap = Number.POSITIVE_INFINITY) =>
    Math.min(cap, Math.max(...rows.map((row) => (row[column] as string).length)));
  const widths = [width(0), width(1), width(2, MAX_DETAIL_WIDTH)];
  const lines = rows.map((row) =>
    row
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column] as number) : cell))
      .join('  ')
      .trimEnd(),
  );
  for (const check of report.checks) {
    if (!check.stderr_tail || check.stderr_tail.length === 0) continue;
    lines.push(
      '',
      `${check.name}: last lines of its stderr:`,
      ...check.stderr_tail.map((line) => `  ${line}`),
    );
  }
  lines.push('', summaryLine(report));
  return lines;
}

export function summaryLine(report: DoctorReport): string {
  const { counts } = report;
  const tally = `${report.checks.length} checks: ${counts.ok} ok, ${counts.warn} warn, ${counts.missing} missing, ${counts.error} error`;
  const optional = report.checks.some((check) => !check.required && check.status !== 'ok')
    ? ' (* optional)'
    : '';
  return report.ok
    ? `${tally}${optional}. Every required check passes.`
    : `${tally}${optional}. Required and failing: ${report.failed_required.join(', ')}.`;
}
