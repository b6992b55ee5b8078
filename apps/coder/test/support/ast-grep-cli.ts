// The `ast-grep` CLI from @ast-grep/cli, the reference implementation for differential tests and
// benchmarks. Its postinstall (which swaps the JS shim for the native binary) is blocked by pnpm 10,
// so the binary is taken straight from the platform package the CLI depends on: no build script
// has to run, and no node shim costs time on each call.
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PLATFORM_PACKAGES: Record<string, string> = {
  'darwin-arm64': '@ast-grep/cli-darwin-arm64',
  'darwin-x64': '@ast-grep/cli-darwin-x64',
  'linux-arm64': '@ast-grep/cli-linux-arm64-gnu',
  'linux-x64': '@ast-grep/cli-linux-x64-gnu',
  'win32-arm64': '@ast-grep/cli-win32-arm64-msvc',
  'win32-ia32': '@ast-grep/cli-win32-ia32-msvc',
  'win32-x64': '@ast-grep/cli-win32-x64-msvc',
};

function resolveBinary(): string {
  const key = `${process.platform}-${process.arch}`;
  const platformPackage = PLATFORM_PACKAGES[key];
  if (!platformPackage) throw new Error(`@ast-grep/cli ships no binary for ${key}.`);
  const requireHere = createRequire(import.meta.url);
  // The platform package is a dependency of @ast-grep/cli, not of ours: resolve it from there.
  const cliPackage = realpathSync(requireHere.resolve('@ast-grep/cli/package.json'));
  const requireCli = createRequire(cliPackage);
  const dir = path.dirname(requireCli.resolve(`${platformPackage}/package.json`));
  return path.join(dir, process.platform === 'win32' ? 'ast-grep.exe' : 'ast-grep');
}

/** Absolute path of the native `ast-grep` binary. */
export const AST_GREP_BIN = resolveBinary();

export interface AstGrepResult {
  stdout: string;
  stderr: string;
  /** 0 = matches found, 1 = no match (ast-grep's grep-like convention); anything else throws. */
  exitCode: 0 | 1;
}

/** Runs `ast-grep` with `args` in `cwd`; exit code 1 means no match, other failures reject. */
export function runAstGrep(
  args: string[],
  options: { cwd?: string; input?: string } = {},
): Promise<AstGrepResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      AST_GREP_BIN,
      args,
      { cwd: options.cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        // execFile's error carries the exit code as a number (a string code means it did not start).
        const code: unknown = error ? (error as { code?: unknown }).code : 0;
        if (code === 0 || code === 1) {
          resolve({ stdout, stderr, exitCode: code });
          return;
        }
        reject(new Error(`ast-grep ${args.join(' ')} failed (${String(code)}): ${stderr || String(error)}`));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}
