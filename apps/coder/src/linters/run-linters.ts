// Runs the chosen linters over a scope, at most two at a time, each under its own deadline, and
// gives every linter a status: a linter that could not run is reported as such, never as clean.
import type { LinterName, LinterReport, LintSeverity } from '@tandem/shared/schemas';
import { shownBinary } from './locate.js';
import { describeCommand, LinterTimeout, runProcess } from './process.js';
import {
  type Diagnostic,
  isUnavailable,
  type LinterAdapter,
  LinterFailure,
  type LintScope,
} from './types.js';

const CONCURRENCY = 2;

export interface LintRequest {
  scope: LintScope;
  adapters: readonly LinterAdapter[];
  timeoutMs: number;
  signal: AbortSignal;
  /** Called as each linter settles, for progress notifications. */
  onSettled?: (report: LinterReport, settled: number, total: number) => void;
}

export interface LintRun {
  /** Every diagnostic found, errors first, then by file and position. */
  diagnostics: Diagnostic[];
  reports: LinterReport[];
}

const SEVERITY_RANK: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.linter < b.linter ? -1 : a.linter > b.linter ? 1 : 0)
  );
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<LintSeverity, number> {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity] += 1;
  return counts;
}

function baseReport(name: LinterName, files: number): LinterReport {
  return { linter: name, status: 'ran', files, diagnostics: 0, by_severity: countBySeverity([]) };
}

/** Runs `work` on every item, at most `limit` at a time, in order of start. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export async function runLinters(request: LintRequest): Promise<LintRun> {
  const { scope, signal } = request;
  const reports = new Map<LinterName, LinterReport>();
  const found = new Map<LinterName, Diagnostic[]>();
  let settled = 0;
  const settle = (report: LinterReport) => {
    reports.set(report.linter, report);
    settled += 1;
    request.onSettled?.(report, settled, request.adapters.length);
  };

  const ready: Array<() => Promise<void>> = [];
  for (const adapter of request.adapters) {
    signal.throwIfAborted();
    const files = await adapter.select(scope);
    const report = baseReport(adapter.name, files.length);
    if (files.length === 0) {
      settle({ ...report, status: 'no_files', message: `No ${adapter.language} file in scope.` });
      continue;
    }
    let prepared: Awaited<ReturnType<LinterAdapter['prepare']>>;
    try {
      prepared = await adapter.prepare(scope, files);
    } catch (error) {
      settle({ ...report, status: 'failed', message: `Could not prepare ${adapter.name}: ${String(error)}` });
      continue;
    }
    if (isUnavailable(prepared)) {
      settle({
        ...report,
        status: prepared.status,
        message: prepared.message,
        ...(prepared.install_hint ? { install_hint: prepared.install_hint } : {}),
        ...(prepared.status === 'not_installed' ? { unchecked_files: files.length } : {}),
      });
      continue;
    }
    const job = prepared;
    ready.push(async () => {
      const diagnostics: Diagnostic[] = [];
      const notes: string[] = [];
      let unchecked = 0;
      let running = '';
      const started = Date.now();
      const deadline = started + request.timeoutMs;
      const finish = (extra: Partial<LinterReport>) => {
        found.set(adapter.name, diagnostics);
        const message = [extra.message, ...notes].filter(Boolean).join(' ');
        settle({
          ...report,
          binary: shownBinary(scope.root, job.binary),
          ...(job.configs && job.configs.length > 0 ? { configs: job.configs } : {}),
          duration_ms: Date.now() - started,
          diagnostics: diagnostics.length,
          by_severity: countBySeverity(diagnostics),
          ...(unchecked > 0 ? { unchecked_files: unchecked } : {}),
          ...extra,
          ...(message ? { message } : {}),
        });
      };
      try {
        await adapter.lint({
          scope,
          files,
          prepared: job,
          run: (binary, args, options) => {
            running = describeCommand(binary, args);
            return runProcess(binary, args, { ...options, deadline, signal });
          },
          add: (more) => {
            diagnostics.push(...more);
          },
          unchecked: (count, why) => {
            unchecked += count;
            notes.push(`${count} file(s) ${why} were not checked.`);
          },
          note: (message) => {
            notes.push(message);
          },
        });
        finish({ status: 'ran' });
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof LinterTimeout) {
          finish({
            status: 'timed_out',
            message: `Stopped after ${request.timeoutMs / 1000} s while running \`${running}\` (process tree killed); diagnostics found before that are kept. Raise timeout_s or narrow paths.`,
          });
        } else if (error instanceof LinterFailure) {
          finish({
            status: 'failed',
            message: error.message,
            ...(error.stderr ? { stderr_tail: error.stderr } : {}),
          });
        } else {
          finish({
            status: 'failed',
            message: `${adapter.name} failed: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      }
    });
  }
  await pool(ready, CONCURRENCY, (work) => work());

  const ordered = request.adapters.map((adapter) => reports.get(adapter.name) as LinterReport);
  const diagnostics = request.adapters.flatMap((adapter) => found.get(adapter.name) ?? []);
  diagnostics.sort(compareDiagnostics);
  return { diagnostics, reports: ordered };
}
