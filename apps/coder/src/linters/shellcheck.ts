// ShellCheck for shell scripts: `shellcheck -f json1` (json1 counts a tab as one column; the legacy
// json format uses tab stops of 8). Scripts without an extension are recognised by their shebang.
import { open } from 'node:fs/promises';
import path from 'node:path';
import { chunks, cutMessage, fileArg, fromReport, parseJsonOutput, tail, withExtension } from './common.js';
import { findExecutable } from './locate.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

interface Comment {
  file: string;
  line: number;
  endLine?: number;
  column: number;
  endColumn?: number;
  level: string;
  code: number;
  message: string;
  fix: unknown;
}

const EXTENSIONS = ['.sh', '.bash', '.ksh', '.dash', '.bats'];
const SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?(?:sh|bash|dash|ksh|bats)(?:\s|$)/;
/** Extensionless files read for a shebang; past this the rest are not looked at. */
const MAX_SNIFFED = 2000;

async function hasShellShebang(file: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(file, 'r');
    const buffer = Buffer.alloc(128);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const first = buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '';
    return SHEBANG.test(first);
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

function severityOf(level: string): Diagnostic['severity'] {
  if (level === 'error') return 'error';
  if (level === 'warning') return 'warning';
  return 'info'; // info and style
}

export const shellcheck: LinterAdapter = {
  name: 'shellcheck',
  language: 'shell',
  async select(scope) {
    const selected = withExtension(scope.files, EXTENSIONS);
    const bare = scope.files.filter((file) => !path.posix.basename(file).includes('.')).slice(0, MAX_SNIFFED);
    for (const file of bare) {
      if (await hasShellShebang(path.join(scope.root, file))) selected.push(file);
    }
    return selected.sort();
  },
  async prepare(scope, files) {
    const binary = await findExecutable(scope.root, 'shellcheck');
    if (!binary) {
      return {
        status: 'not_installed',
        message: `shellcheck is not installed: ${files.length} shell script(s) were not linted.`,
        install_hint:
          '`apt-get install shellcheck` (Debian/Ubuntu), `brew install shellcheck`, or `nix profile install nixpkgs#shellcheck`.',
      };
    }
    return { binary, plan: undefined };
  },
  async lint(job) {
    const { root } = job.scope;
    for (const part of chunks(job.files)) {
      const result = await job.run(
        job.prepared.binary,
        ['-f', 'json1', ...part.map((file) => fileArg('', file))],
        { cwd: root },
      );
      // 0: clean, 1: comments, 2: some files could not be processed (the others are still reported).
      if (result.exitCode !== 0 && result.exitCode !== 1 && result.exitCode !== 2) {
        throw new LinterFailure(`shellcheck exited with code ${result.exitCode}.`, tail(result.stderr));
      }
      let comments: Comment[];
      try {
        comments = (parseJsonOutput(result.stdout) as { comments: Comment[] }).comments;
        if (!Array.isArray(comments)) throw new Error('no comments');
      } catch {
        throw new LinterFailure(
          'shellcheck printed output that is not its json1 report.',
          tail(result.stderr || result.stdout),
        );
      }
      if (result.exitCode === 2 && result.stderr.trim()) job.note(`shellcheck: ${tail(result.stderr, 500)}`);
      const diagnostics: Diagnostic[] = [];
      for (const comment of comments) {
        const file = fromReport(root, root, comment.file);
        if (!file) continue;
        diagnostics.push({
          file,
          line: comment.line,
          column: comment.column,
          ...(comment.endLine !== undefined ? { end_line: comment.endLine } : {}),
          ...(comment.endColumn !== undefined ? { end_column: comment.endColumn } : {}),
          rule: `SC${comment.code}`,
          severity: severityOf(comment.level),
          message: cutMessage(comment.message),
          linter: 'shellcheck',
          fix_available: comment.fix !== null && comment.fix !== undefined,
        });
      }
      job.add(diagnostics);
    }
  },
};
