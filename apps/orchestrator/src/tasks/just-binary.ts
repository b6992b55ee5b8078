// Finds the real `just` binary: PATH first (a Nix or devenv shell's own), then the platform binary the
// rust-just package installs. Never the package's node wrapper, which costs ~0.2 s per call.
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface JustBinary {
  path: string;
  source: 'PATH' | 'rust-just';
}

const EXE = process.platform === 'win32' ? 'just.exe' : 'just';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Skips node_modules/.bin entries: those are the rust-just node wrapper, not the binary. */
function fromPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir || dir.split(path.sep).includes('node_modules')) continue;
    const candidate = path.join(dir, EXE);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function fromPackage(): string | undefined {
  const arch = process.arch === 'arm' ? 'armv7' : process.arch;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  try {
    // The platform package is a dependency of rust-just, so it is resolved from there. rust-just
    // exports only its ESM entry, hence import.meta.resolve rather than require.resolve.
    const wrapper = fileURLToPath(import.meta.resolve('rust-just'));
    const manifest = createRequire(wrapper).resolve(`rust-just-${platform}-${arch}/package.json`);
    const binary = path.join(path.dirname(manifest), 'bin', EXE);
    return isExecutable(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export function findJust(env: NodeJS.ProcessEnv = process.env): JustBinary | undefined {
  const onPath = fromPath(env);
  if (onPath) return { path: onPath, source: 'PATH' };
  const packaged = fromPackage();
  return packaged ? { path: packaged, source: 'rust-just' } : undefined;
}

const versions = new Map<string, Promise<string | null>>();

/**
 * `just --version` of the binary found, e.g. "just 1.57.0", or null when there is none. Asked once
 * per binary: the path was fixed when the server started, so its answer does not change.
 */
export function justVersion(binary: JustBinary | undefined): Promise<string | null> {
  if (!binary) return Promise.resolve(null);
  let version = versions.get(binary.path);
  if (!version) {
    version = readVersion(binary.path);
    versions.set(binary.path, version);
  }
  return version;
}

async function readVersion(binaryPath: string): Promise<string | null> {
  // execa costs ~0.1 s to import: loaded when first needed, not at server start.
  const { execa } = await import('execa');
  const result = await execa(binaryPath, ['--version'], { reject: false, timeout: 5000 });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}
