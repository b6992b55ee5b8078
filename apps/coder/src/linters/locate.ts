// Finding a linter's executable and config: the project's own first (node_modules/.bin, a
// virtualenv), then PATH; never npx, which would download at run time. The PATH lookup is a few
// lines, not worth a dependency.
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dirOf } from './common.js';
import type { Prepared, Unavailable } from './types.js';

async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `dir` (root-relative, '' for the root) and each of its parents up to the root, nearest first. */
export function upToRoot(dir: string): string[] {
  const dirs: string[] = [];
  let current = dir === '.' ? '' : dir;
  for (;;) {
    dirs.push(current);
    if (current === '') return dirs;
    const parent = path.posix.dirname(current);
    current = parent === '.' ? '' : parent;
  }
}

export interface FindOptions {
  /** Root-relative directory to start from: node_modules/.bin is looked for here and above, up to the root. */
  from?: string;
  /** Root-relative directories looked at before PATH, such as `.venv/bin`. */
  projectDirs?: readonly string[];
  /** Also look on PATH (default true). */
  path?: boolean;
}

/** Absolute path of `name`: the project's own copy if it has one, else the first on PATH. */
export async function findExecutable(
  root: string,
  name: string,
  options: FindOptions = {},
): Promise<string | undefined> {
  for (const dir of upToRoot(options.from ?? '')) {
    const candidate = path.join(root, dir, 'node_modules', '.bin', name);
    if (await isExecutable(candidate)) return candidate;
  }
  for (const dir of options.projectDirs ?? []) {
    const candidate = path.join(root, dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  if (options.path === false) return undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** How the caller sees an executable: relative to the root when it is the project's own. */
export function shownBinary(root: string, binary: string): string {
  const rel = path.relative(root, binary);
  return rel.startsWith('..') || path.isAbsolute(rel) ? binary : rel.split(path.sep).join('/');
}

export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds, for each directory, the nearest config file among `names` at or above it (up to the root).
 * Memoised per call: a project has thousands of files but few directories.
 */
export class ConfigFinder {
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly root: string,
    private readonly names: readonly string[],
    private readonly accept: (file: string) => Promise<boolean> = (file) => exists(file),
  ) {}

  /** Root-relative path of the nearest config for `dir`, or undefined. */
  async nearest(dir: string): Promise<string | undefined> {
    const chain = upToRoot(dir);
    let found: string | null = null;
    let resolvedAt = chain.length;
    for (let i = 0; i < chain.length; i += 1) {
      const current = chain[i] as string;
      const cached = this.cache.get(current);
      if (cached !== undefined) {
        found = cached;
        resolvedAt = i;
        break;
      }
      const here = await this.own(current);
      if (here) {
        found = here;
        resolvedAt = i;
        this.cache.set(current, here);
        break;
      }
    }
    for (let i = 0; i < resolvedAt; i += 1) this.cache.set(chain[i] as string, found);
    return found ?? undefined;
  }

  private async own(dir: string): Promise<string | undefined> {
    for (const name of this.names) {
      const rel = dir === '' ? name : `${dir}/${name}`;
      if (await this.accept(path.join(this.root, rel))) return rel;
    }
    return undefined;
  }
}

/** Groups files by the nearest config at or above them; files under no config are left out. */
export async function groupByConfig(
  finder: ConfigFinder,
  files: readonly string[],
): Promise<Map<string, string[]>> {
  const groups = new Map<string, string[]>();
  for (const file of files) {
    const config = await finder.nearest(path.posix.dirname(file));
    if (!config) continue;
    groups.set(config, [...(groups.get(config) ?? []), file]);
  }
  return groups;
}

/** The install command for a JS dev dependency, in the project's package manager. */
export async function devDependencyHint(root: string, pkg: string): Promise<string> {
  const listed = await listedDependency(root, pkg);
  const manager = (await exists(path.join(root, 'pnpm-lock.yaml')))
    ? 'pnpm'
    : (await exists(path.join(root, 'yarn.lock')))
      ? 'yarn'
      : (await exists(path.join(root, 'bun.lockb'))) || (await exists(path.join(root, 'bun.lock')))
        ? 'bun'
        : 'npm';
  if (listed) return `package.json lists ${pkg} but it is not installed: run \`${manager} install\`.`;
  const add = { pnpm: 'pnpm add -D', yarn: 'yarn add -D', bun: 'bun add -d', npm: 'npm install -D' }[manager];
  return `\`${add} ${pkg}\` in the project.`;
}

async function listedDependency(root: string, pkg: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    return Boolean(manifest.devDependencies?.[pkg] ?? manifest.dependencies?.[pkg]);
  } catch {
    return false;
  }
}

/** Files under one config, linted from its directory with that project's own executable. */
export interface ConfigGroup {
  config: string;
  /** Root-relative directory the linter runs in. */
  dir: string;
  binary: string;
  files: string[];
}

export interface ConfigGroupPlan {
  groups: ConfigGroup[];
  /** Files under a config whose project has no executable installed. */
  uninstalled: number;
}

/**
 * Plans a config-driven linter (Biome, ESLint): one group per config with the executable found from
 * its directory up. Not installed when no config's project has one.
 */
export async function planConfigGroups(
  root: string,
  byConfig: ReadonlyMap<string, string[]>,
  linter: { executable: string; product: string; pkg: string },
): Promise<Prepared<ConfigGroupPlan> | Unavailable> {
  const groups: ConfigGroup[] = [];
  let uninstalled = 0;
  for (const [config, grouped] of byConfig) {
    const dir = dirOf(config);
    const binary = await findExecutable(root, linter.executable, { from: dir });
    if (binary) groups.push({ config, dir, binary, files: grouped });
    else uninstalled += grouped.length;
  }
  const first = groups[0];
  if (!first) {
    return {
      status: 'not_installed',
      message: `The project configures ${linter.product} (${[...byConfig.keys()].join(', ')}) but no ${linter.executable} executable is installed.`,
      install_hint: await devDependencyHint(root, linter.pkg),
    };
  }
  return { binary: first.binary, configs: [...byConfig.keys()], plan: { groups, uninstalled } };
}
