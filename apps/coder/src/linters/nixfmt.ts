// nixfmt for Nix, in check mode: `nixfmt --check` writes nothing and prints, on stderr, one
// "<file>: not formatted" line per file it would change, and a megaparsec report
// ("<file>:<line>:<col>:", the source excerpt, then the message) per file it cannot parse.
import { chunks, cutMessage, fileArg, fromReport, tail, withExtension } from './common.js';
import { findExecutable } from './locate.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

const NOT_FORMATTED = /^(.+): not formatted$/;
const PARSE_HEADER = /^(.+):(\d+):(\d+):$/;
/** Lines of megaparsec's source excerpt: ` |`, `3 | code`, `  |   ^`. */
const EXCERPT = /^\s*\d*\s*\|/;

/** Diagnostics from nixfmt's stderr, with root-relative files. */
export function parseNixfmtReport(root: string, stderr: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let pending: { file: string; line: number; column: number; message: string[] } | undefined;
  const flush = () => {
    if (!pending) return;
    diagnostics.push({
      file: pending.file,
      line: pending.line,
      column: pending.column,
      rule: 'parse-error',
      severity: 'error',
      message: cutMessage(pending.message.join('\n').trim() || 'nixfmt could not parse the file'),
      linter: 'nixfmt',
      fix_available: false,
    });
    pending = undefined;
  };
  for (const line of stderr.split('\n')) {
    const unformatted = NOT_FORMATTED.exec(line);
    const header = unformatted ? null : PARSE_HEADER.exec(line);
    if (unformatted || header) flush();
    if (unformatted) {
      const file = fromReport(root, root, unformatted[1] as string);
      if (file) {
        diagnostics.push({
          file,
          line: 1,
          column: 1,
          rule: 'not-formatted',
          severity: 'warning',
          message: 'The file is not formatted as nixfmt formats it; `nixfmt <file>` would reformat it.',
          linter: 'nixfmt',
          fix_available: true,
        });
      }
    } else if (header) {
      const file = fromReport(root, root, header[1] as string);
      if (file) pending = { file, line: Number(header[2]), column: Number(header[3]), message: [] };
    } else if (pending && line.trim() && !EXCERPT.test(line)) {
      pending.message.push(line.trim());
    }
  }
  flush();
  return diagnostics;
}

export const nixfmt: LinterAdapter = {
  name: 'nixfmt',
  language: 'Nix',
  async select(scope) {
    return withExtension(scope.files, ['.nix']);
  },
  async prepare(scope, files) {
    const binary = await findExecutable(scope.root, 'nixfmt');
    if (!binary) {
      return {
        status: 'not_installed',
        message: `nixfmt is not installed: ${files.length} Nix file(s) were not checked.`,
        install_hint:
          // Since nixfmt 1.0 (nixpkgs 25.11) `nixfmt` is the RFC-style formatter; `nixfmt-rfc-style` is its old name.
          '`nix profile install nixpkgs#nixfmt` (nixfmt-rfc-style before nixpkgs 25.11), or add it to the devShell of the flake.',
      };
    }
    return { binary, plan: undefined };
  },
  async lint(job) {
    const { root } = job.scope;
    for (const part of chunks(job.files)) {
      const result = await job.run(
        job.prepared.binary,
        ['--check', ...part.map((file) => fileArg('', file))],
        {
          cwd: root,
        },
      );
      if (result.exitCode === 0) continue;
      const diagnostics = result.exitCode === 1 ? parseNixfmtReport(root, result.stderr) : [];
      if (diagnostics.length === 0) {
        throw new LinterFailure(
          `nixfmt exited with code ${result.exitCode} without a report we can read.`,
          tail(result.stderr || result.stdout),
        );
      }
      job.add(diagnostics);
    }
  },
};
