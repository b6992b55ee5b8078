// Ruff for Python: `ruff check --output-format json`, never fixing and never writing its cache.
import path from 'node:path';
import { chunks, cutMessage, fileArg, fromReport, parseJsonOutput, tail, withExtension } from './common.js';
import { exists, findExecutable } from './locate.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

interface RuffLocation {
  row: number;
  column: number;
}

interface RuffMessage {
  code: string | null;
  filename: string;
  message: string;
  location: RuffLocation;
  end_location?: RuffLocation;
  fix: unknown;
  severity?: string;
}

const CONFIGS = ['ruff.toml', '.ruff.toml', 'pyproject.toml'];

function severityOf(message: RuffMessage): Diagnostic['severity'] {
  if (message.severity === 'warning') return 'warning';
  if (message.severity === 'info') return 'info';
  return 'error';
}

export const ruff: LinterAdapter = {
  name: 'ruff',
  language: 'Python',
  async select(scope) {
    return withExtension(scope.files, ['.py', '.pyi']);
  },
  async prepare(scope, files) {
    const binary = await findExecutable(scope.root, 'ruff', { projectDirs: ['.venv/bin', 'venv/bin'] });
    if (!binary) {
      return {
        status: 'not_installed',
        message: `ruff is not installed: ${files.length} Python file(s) were not linted.`,
        install_hint:
          '`pip install ruff` (or `uv tool install ruff`, `pipx install ruff`), or add ruff to the project virtualenv (.venv).',
      };
    }
    const configs: string[] = [];
    for (const name of CONFIGS) if (await exists(path.join(scope.root, name))) configs.push(name);
    return { binary, configs, plan: undefined };
  },
  async lint(job) {
    const { root } = job.scope;
    for (const part of chunks(job.files)) {
      const result = await job.run(
        job.prepared.binary,
        [
          'check',
          '--output-format',
          'json',
          '--no-fix',
          '--no-cache',
          '--force-exclude',
          ...part.map((file) => fileArg('', file)),
        ],
        { cwd: root },
      );
      if (result.exitCode !== 0 && result.exitCode !== 1) {
        throw new LinterFailure(`ruff exited with code ${result.exitCode}.`, tail(result.stderr));
      }
      let messages: RuffMessage[];
      try {
        messages = parseJsonOutput(result.stdout) as RuffMessage[];
        if (!Array.isArray(messages)) throw new Error('not an array');
      } catch {
        throw new LinterFailure(
          'ruff printed output that is not its JSON report.',
          tail(result.stderr || result.stdout),
        );
      }
      const diagnostics: Diagnostic[] = [];
      for (const message of messages) {
        const file = fromReport(root, root, message.filename);
        if (!file) continue;
        diagnostics.push({
          file,
          line: message.location.row,
          column: message.location.column,
          ...(message.end_location
            ? { end_line: message.end_location.row, end_column: message.end_location.column }
            : {}),
          rule: message.code ?? 'syntax-error',
          severity: severityOf(message),
          message: cutMessage(message.message),
          linter: 'ruff',
          fix_available: message.fix !== null && message.fix !== undefined,
        });
      }
      job.add(diagnostics);
    }
  },
};
