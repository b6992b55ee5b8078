// The programs Tandem runs: Node, just, git, the linters the coder uses, nix. Each is looked for
// where the servers look for it, and asked its version.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { findJust } from '../../tasks/just-binary.js';
import { type CheckResult, probeVersion } from './doctor-check.js';

/** Bound on one `--version` (node-based linters start slowly on a loaded machine). */
export const VERSION_TIMEOUT_MS = 15_000;

const MIN_NODE = 20;
const SUPPORTED_NODE = '20 and 22';

export function checkNode(version: string = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  if (major >= MIN_NODE)
    return {
      name: 'node',
      status: 'ok',
      required: true,
      detail: `v${version} (${process.execPath}); ${SUPPORTED_NODE} are supported`,
      fix: null,
    };
  return {
    name: 'node',
    status: 'error',
    required: true,
    detail: `v${version} is too old: Node ${MIN_NODE} or later is required`,
    fix: 'Install Node 22 (https://nodejs.org, `nix profile install nixpkgs#nodejs_22`, or your version manager).',
  };
}

export async function checkJust(env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<CheckResult> {
  const fix =
    'Reinstall the dependencies (`npm install`: the rust-just package brings just), or install just: ' +
    '`apt-get install just`, `brew install just`, `nix profile install nixpkgs#just`, `cargo install just`.';
  const binary = findJust(env);
  if (!binary)
    return {
      name: 'just',
      status: 'missing',
      required: true,
      detail: 'not on PATH, and the rust-just package has no binary for this platform',
      fix,
    };
  const where =
    binary.source === 'PATH' ? `on PATH: ${binary.path}` : `from the rust-just package: ${binary.path}`;
  const probe = await probeVersion(binary.path, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, signal });
  if (!probe.ok)
    return {
      name: 'just',
      status: 'error',
      required: true,
      detail: `${where} does not run: ${probe.line}`,
      fix,
    };
  return { name: 'just', status: 'ok', required: true, detail: `${probe.line} (${where})`, fix: null };
}

export async function checkGit(
  root: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<CheckResult> {
  const binary = await onPath('git', env);
  if (!binary)
    return {
      name: 'git',
      status: 'missing',
      required: true,
      detail: 'git is not on PATH',
      fix: 'Install git: `apt-get install git`, `brew install git`, `nix profile install nixpkgs#git`.',
    };
  const version = await probeVersion(binary, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, signal });
  if (!version.ok)
    return {
      name: 'git',
      status: 'error',
      required: true,
      detail: `${binary} does not run: ${version.line}`,
      fix: 'Reinstall git.',
    };
  const inside = await probeVersion(binary, ['rev-parse', '--is-inside-work-tree'], {
    cwd: root,
    timeoutMs: VERSION_TIMEOUT_MS,
    signal,
  });
  if (!inside.ok || inside.line !== 'true')
    return {
      name: 'git',
      status: 'warn',
      required: true,
      detail: `${version.line} (${binary}); ${root} is not inside a git work tree`,
      fix: `Run \`git init\` in ${root}: diffs, commits and reviews need a repository.`,
    };
  return {
    name: 'git',
    status: 'ok',
    required: true,
    detail: `${version.line} (${binary}); in a work tree`,
    fix: null,
  };
}

interface Linter {
  name: string;
  /** Found in <root>/node_modules/.bin first (the coder uses the project's own copy). */
  npm: boolean;
  /** Root-relative virtualenv dirs looked at before PATH. */
  projectDirs?: string[];
  covers: string;
  install: string;
}

/** The linters the coder runs (apps/coder/src/linters), and how each is installed. */
export const LINTERS: readonly Linter[] = [
  {
    name: 'tsc',
    npm: true,
    covers: 'TypeScript',
    install: '`npm install --save-dev typescript` in the project.',
  },
  {
    name: 'biome',
    npm: true,
    covers: 'JavaScript/TypeScript under a biome.json',
    install: '`npm install --save-dev @biomejs/biome` in the project.',
  },
  {
    name: 'eslint',
    npm: true,
    covers: 'JavaScript/TypeScript under an ESLint config',
    install: '`npm install --save-dev eslint` in the project.',
  },
  {
    name: 'ruff',
    npm: false,
    projectDirs: ['.venv/bin', 'venv/bin'],
    covers: 'Python',
    install:
      '`pip install ruff` (or `pipx install ruff`, `uv tool install ruff`), or add it to the project .venv.',
  },
  {
    name: 'shellcheck',
    npm: false,
    covers: 'shell scripts',
    install:
      '`apt-get install shellcheck`, `brew install shellcheck`, or `nix profile install nixpkgs#shellcheck`.',
  },
  {
    name: 'nixfmt',
    npm: false,
    covers: 'Nix files',
    // Since nixfmt 1.0 (nixpkgs 25.11) `nixfmt` is the RFC-style formatter; `nixfmt-rfc-style` is its old name.
    install:
      '`nix profile install nixpkgs#nixfmt` (nixfmt-rfc-style before nixpkgs 25.11), or add it to the flake devShell.',
  },
];

export async function checkLinter(
  linter: Linter,
  root: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<CheckResult> {
  const dirs = [
    ...(linter.npm ? [path.join(root, 'node_modules', '.bin')] : []),
    ...(linter.projectDirs ?? []).map((dir) => path.join(root, dir)),
  ];
  const binary = (await firstExecutable(dirs, linter.name)) ?? (await onPath(linter.name, env));
  if (!binary)
    return {
      name: linter.name,
      status: 'warn',
      required: false,
      detail: `not installed (optional): the coder leaves ${linter.covers} unchecked`,
      fix: linter.install,
    };
  const shown = path.relative(root, binary).startsWith('..') ? binary : path.relative(root, binary);
  const probe = await probeVersion(binary, ['--version'], {
    cwd: root,
    timeoutMs: VERSION_TIMEOUT_MS,
    signal,
  });
  if (!probe.ok)
    return {
      name: linter.name,
      status: 'warn',
      required: false,
      detail: `${shown} does not run: ${probe.line}`,
      fix: `Reinstall it: ${linter.install}`,
    };
  return { name: linter.name, status: 'ok', required: false, detail: `${probe.line} (${shown})`, fix: null };
}

export async function checkNix(env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<CheckResult> {
  const fix =
    'Optional (flake.nix, devenv.nix, nixfmt): install Nix from https://nixos.org/download, or `apt-get install nix-bin`.';
  const binary = await onPath('nix-instantiate', env);
  if (!binary)
    return {
      name: 'nix',
      status: 'warn',
      required: false,
      detail: 'nix-instantiate is not on PATH (optional)',
      fix,
    };
  const probe = await probeVersion(binary, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS, signal });
  if (!probe.ok)
    return {
      name: 'nix',
      status: 'warn',
      required: false,
      detail: `${binary} does not run: ${probe.line}`,
      fix,
    };
  return { name: 'nix', status: 'ok', required: false, detail: `${probe.line} (${binary})`, fix: null };
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function firstExecutable(dirs: string[], name: string): Promise<string | undefined> {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  return firstExecutable((env.PATH ?? '').split(path.delimiter).filter(Boolean), name);
}
