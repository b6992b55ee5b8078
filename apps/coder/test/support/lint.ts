// Helpers of the lint tests: the shape of a lint result, and a project's "own" linters made by
// linking the repository's copies into the temporary project's node_modules/.bin.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LintDiagnostic {
  file: string;
  line: number;
  column: number;
  end_line?: number;
  end_column?: number;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  linter: string;
  fix_available: boolean;
}

export interface LinterReport {
  linter: string;
  status: 'ran' | 'not_installed' | 'not_configured' | 'no_files' | 'failed' | 'timed_out';
  files: number;
  unchecked_files?: number;
  diagnostics: number;
  by_severity: { error: number; warning: number; info: number };
  binary?: string;
  configs?: string[];
  install_hint?: string;
  message?: string;
  stderr_tail?: string;
}

export interface LintResult {
  clean: boolean;
  diagnostics: LintDiagnostic[];
  total_diagnostics: number;
  truncated: boolean;
  by_severity: { error: number; warning: number; info: number };
  linters: LinterReport[];
  files_in_scope: number;
  hints: string[];
}

export function reportOf(result: LintResult, linter: string): LinterReport {
  const report = result.linters.find((r) => r.linter === linter);
  if (!report) throw new Error(`no report for ${linter}: ${JSON.stringify(result.linters)}`);
  return report;
}

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
/** The repository's Biome launcher (a Node script that finds its platform binary from its real path). */
export const REPO_BIOME = realpathSync(path.join(REPO, 'node_modules/@biomejs/biome/bin/biome'));
/** The TypeScript compiler the coder is built with. */
export const REPO_TSC = realpathSync(
  fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url)),
);

/** Links `target` as `<project>/node_modules/.bin/<name>`, the way a package manager installs it. */
export async function linkProjectBin(project: string, name: string, target: string): Promise<void> {
  const bin = path.join(project, 'node_modules', '.bin');
  await mkdir(bin, { recursive: true });
  await symlink(target, path.join(bin, name));
}

/** A directory holding only a link to this Node: a PATH on which no linter is found. */
export async function nodeOnlyPath(dir: string): Promise<string> {
  const bin = path.join(dir, 'node-only-bin');
  await mkdir(bin, { recursive: true });
  await symlink(process.execPath, path.join(bin, 'node'));
  return bin;
}

/** Writes an executable script. */
export async function writeScript(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  await chmod(file, 0o755);
}

export function onPath(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether a process exists and is not a zombie waiting to be reaped (a container's init may never reap). */
export function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) {
    try {
      const fields = readFileSync(stat, 'utf8');
      const state = fields.slice(fields.lastIndexOf(')') + 2, fields.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds; the bound only keeps a broken build from hanging the suite. */
export async function eventually(check: () => boolean, what: string, bound = 15_000): Promise<void> {
  const until = Date.now() + bound;
  while (!check()) {
    if (Date.now() > until) throw new Error(`still waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
