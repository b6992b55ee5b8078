import type { LinterReport, LintSeverity } from '@tandem/shared/schemas';
import { lintInput, lintOutput } from '@tandem/shared/schemas';
import { walkFiles } from '../engine/files.js';
import { linterAdapters } from '../linters/index.js';
import { countBySeverity, runLinters } from '../linters/run-linters.js';
import type { Diagnostic } from '../linters/types.js';
import { defineCoderTool } from './define.js';

const INCOMPLETE = new Set<LinterReport['status']>(['not_installed', 'failed', 'timed_out']);
const MAX_TEXT_MESSAGE = 300;

function counts(by: Record<LintSeverity, number>): string {
  return `${by.error} error(s), ${by.warning} warning(s), ${by.info} info`;
}

function statusLine(report: LinterReport): string {
  const where = report.binary ? ` [${report.binary}]` : '';
  switch (report.status) {
    case 'ran':
      return `${report.linter}: ran on ${report.files} file(s): ${counts(report.by_severity)}${where}${report.message ? `. ${report.message}` : ''}`;
    case 'not_installed':
      return `${report.linter}: NOT INSTALLED. ${report.message ?? ''} Install: ${report.install_hint ?? 'see its documentation'}`;
    case 'not_configured':
      return `${report.linter}: not configured. ${report.message ?? ''}`;
    case 'failed':
      return `${report.linter}: FAILED. ${report.message ?? ''}${report.stderr_tail ? `\n  stderr: ${report.stderr_tail.split('\n').slice(0, 5).join('\n  ')}` : ''}`;
    case 'timed_out':
      return `${report.linter}: TIMED OUT. ${report.message ?? ''} Found before that: ${counts(report.by_severity)}.`;
    default:
      return `${report.linter}: ${report.status}`;
  }
}

function diagnosticLine(d: Diagnostic): string {
  const message = d.message.split('\n')[0] ?? '';
  const shown = message.length > MAX_TEXT_MESSAGE ? `${message.slice(0, MAX_TEXT_MESSAGE)}…` : message;
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}: ${shown} (${d.linter}${d.fix_available ? ', fix available' : ''})`;
}

export const lint = defineCoderTool({
  name: 'lint',
  title: 'Run the project linters',
  description:
    "Run the project's linters (tsc, Biome/ESLint, ruff, shellcheck, nixfmt --check) read-only; diagnostics plus each linter's status (a missing linter is never a pass).",
  input: lintInput,
  output: lintOutput,
  // Read-only towards the workspace, but it starts the project's linters, and their configs can run
  // project code (an ESLint config is a JS module, tsc loads plugins): the execute class, not read.
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
    runsCommands: true,
  },
  // Up to six linters, two at a time, each with up to 300 s.
  timeoutMs: 20 * 60_000,
  async handler(args, { root, signal, progress }) {
    const walked = await walkFiles({ root, paths: args.paths, signal });
    // Installed dependencies are never the project's code to lint, even where no .gitignore says so.
    const files = walked.files.filter((file) => !file.split('/').includes('node_modules'));
    const names = args.linters
      ? (Object.keys(linterAdapters) as (keyof typeof linterAdapters)[]).filter((name) =>
          args.linters?.includes(name),
        )
      : (Object.keys(linterAdapters) as (keyof typeof linterAdapters)[]);
    const run = await runLinters({
      scope: { root, files, inScope: new Set(files) },
      adapters: names.map((name) => linterAdapters[name]),
      timeoutMs: args.timeout_s * 1000,
      signal,
      onSettled: (report, settled, total) =>
        void progress(settled, total, `${report.linter}: ${report.status}`),
    });

    const shown = run.diagnostics.slice(0, args.limit);
    const bySeverity = countBySeverity(run.diagnostics);
    const incomplete = run.reports.filter(
      (report) => INCOMPLETE.has(report.status) || (report.unchecked_files ?? 0) > 0,
    );
    const ran = run.reports.filter((report) => report.status === 'ran' || report.status === 'timed_out');
    const clean = ran.length > 0 && incomplete.length === 0 && run.diagnostics.length === 0;

    const hints: string[] = [];
    if (files.length === 0) {
      const { ignored, hidden } = walked.excluded;
      hints.push(
        ignored || hidden
          ? `No file to lint: ${ignored} ignored by .gitignore/.ignore and ${hidden} hidden file(s) were left out; name files in paths to lint them.`
          : 'No file to lint in the paths given.',
      );
    } else if (ran.length === 0 && incomplete.length === 0) {
      hints.push('No linter applies to the files in scope (see each linter status): nothing was linted.');
    }
    if (walked.truncated) hints.push('The walk stopped at its file cap: narrow `paths` to lint every file.');
    if (run.diagnostics.length > shown.length) {
      hints.push(
        `Showing ${shown.length} of ${run.diagnostics.length} diagnostics, errors first: raise limit or narrow paths.`,
      );
    }

    const lines: string[] = [];
    if (incomplete.length > 0) {
      const what = incomplete.map((report) =>
        report.status === 'ran'
          ? `${report.linter} left ${report.unchecked_files} file(s) unchecked`
          : `${report.linter} ${report.status.replace('_', ' ')}`,
      );
      lines.push(`NOT a clean pass: ${what.join('; ')}. ${counts(bySeverity)} from the linters that ran.`);
    } else if (clean) {
      lines.push(
        `Clean: ${ran.map((report) => report.linter).join(', ')} found nothing (${files.length} file(s) in scope).`,
      );
    } else if (ran.length === 0) {
      lines.push(`Nothing linted (${files.length} file(s) in scope).`);
    } else {
      lines.push(`${counts(bySeverity)} in ${files.length} file(s) in scope.`);
    }
    const noFiles = run.reports
      .filter((report) => report.status === 'no_files')
      .map((report) => report.linter);
    for (const report of run.reports) if (report.status !== 'no_files') lines.push(statusLine(report));
    if (noFiles.length > 0) lines.push(`No files for: ${noFiles.join(', ')}.`);
    lines.push(...shown.map(diagnosticLine));
    lines.push(...hints);

    return {
      structured: {
        clean,
        diagnostics: shown,
        total_diagnostics: run.diagnostics.length,
        truncated: run.diagnostics.length > shown.length,
        by_severity: bySeverity,
        linters: run.reports,
        files_in_scope: files.length,
        hints,
      },
      text: lines.join('\n'),
    };
  },
});
