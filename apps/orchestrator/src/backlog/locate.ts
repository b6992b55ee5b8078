// Where a workspace keeps its backlog. Backlog.md's own lookup order: a root `backlog.config.yml`
// whose `backlog_directory` names the folder; else `backlog/`, then `.backlog/` (with `config.yml`
// or `config.yaml` inside, or the root config). Without any of them, a plain `Backlog.md` checklist
// at the root (any letter case).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveInRoot, ToolError } from '@tandem/shared';
import { parseYaml } from './frontmatter.js';

export const ROOT_CONFIG = 'backlog.config.yml';
const FOLDER_CONFIGS = ['config.yml', 'config.yaml'];
const BUILT_IN_FOLDERS = ['backlog', '.backlog'];

export type BacklogLocation =
  | {
      kind: 'backlog.md';
      /** The backlog folder, absolute and relative to the root. */
      folder: { absolute: string; relative: string };
      /** The config file, when there is one. */
      config: { absolute: string; relative: string } | null;
      /** A root config that could not be read, reported but not fatal. */
      configProblem: string | null;
    }
  | { kind: 'checklist'; file: { absolute: string; relative: string } };

async function isDirectory(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** The folder a root `backlog.config.yml` names, or null when it names none (or cannot be read). */
async function configuredFolder(
  configFile: string,
): Promise<{ folder: string | null; problem: string | null }> {
  let parsed: unknown;
  try {
    parsed = parseYaml(await readFile(configFile, 'utf8'));
  } catch (error) {
    return { folder: null, problem: `${ROOT_CONFIG}: ${(error as Error).message}` };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { folder: null, problem: null };
  const record = parsed as Record<string, unknown>;
  const value = record.backlog_directory ?? record.backlogDirectory;
  return { folder: typeof value === 'string' && value.trim() ? value.trim() : null, problem: null };
}

function describeSearch(root: string): string {
  return `No backlog in ${root}: looked for ${ROOT_CONFIG}, backlog/, .backlog/ and a Backlog.md checklist.`;
}

export async function locateBacklog(root: string): Promise<BacklogLocation> {
  const rootConfig = path.join(root, ROOT_CONFIG);
  let folder: { absolute: string; relative: string } | null = null;
  let config: { absolute: string; relative: string } | null = null;
  let configProblem: string | null = null;

  if (await isFile(rootConfig)) {
    config = { absolute: rootConfig, relative: ROOT_CONFIG };
    const configured = await configuredFolder(rootConfig);
    configProblem = configured.problem;
    if (configured.folder !== null) {
      // The config is the project's, the folder it names still has to stay inside the root.
      const resolved = resolveInRoot(root, configured.folder, `backlog_directory in ${ROOT_CONFIG}`);
      // Like Backlog.md, a folder that is the root itself counts as none named.
      if (resolved.relative === '.') folder = null;
      else if (await isDirectory(resolved.absolute)) folder = resolved;
      else {
        throw new ToolError(
          `${ROOT_CONFIG} names the backlog folder "${configured.folder}", which does not exist.`,
          {
            hint: 'Create a task with `backlog task create` (it makes the folder) or fix backlog_directory.',
          },
        );
      }
    }
  }
  if (folder === null) {
    for (const name of BUILT_IN_FOLDERS) {
      const candidate = path.join(root, name);
      if (await isDirectory(candidate)) {
        folder = resolveInRoot(root, name, 'backlog folder');
        break;
      }
    }
  }
  if (folder !== null) {
    if (config === null) {
      for (const name of FOLDER_CONFIGS) {
        const candidate = path.join(folder.absolute, name);
        if (await isFile(candidate)) {
          config = { absolute: candidate, relative: `${folder.relative}/${name}` };
          break;
        }
      }
    }
    return { kind: 'backlog.md', folder, config, configProblem };
  }

  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const checklist = entries.find((entry) => entry.isFile() && entry.name.toLowerCase() === 'backlog.md');
  if (checklist) return { kind: 'checklist', file: resolveInRoot(root, checklist.name, 'Backlog.md') };

  throw new ToolError(describeSearch(root), {
    hint: 'Create one with `backlog init` (npm package backlog.md) and `backlog task create "…"`, or write a Backlog.md checklist at the root ("- [ ] item" lines under headings).',
  });
}
