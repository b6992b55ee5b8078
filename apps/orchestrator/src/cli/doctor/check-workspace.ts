// The workspace's own files: the config the servers load, the justfile's agent-validate recipe, and
// the clients' MCP configuration.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, ConfigError, loadConfig } from '@tandem/shared';
import { findJust } from '../../tasks/just-binary.js';
import { VERSION_TIMEOUT_MS } from './check-tools.js';
import { type CheckResult, probeVersion } from './doctor-check.js';

export function checkConfig(root: string): CheckResult {
  try {
    const loaded = loadConfig(root);
    if (!loaded.found)
      return {
        name: 'config',
        status: 'ok',
        required: true,
        detail: `no ${CONFIG_FILE}: the defaults are in use`,
        fix: null,
      };
    if (loaded.warnings.length > 0)
      return {
        name: 'config',
        status: 'warn',
        required: true,
        detail: loaded.warnings.join('; '),
        fix: `Remove or rename the unknown sections in ${CONFIG_FILE} (docs/configuration.md lists them).`,
      };
    return { name: 'config', status: 'ok', required: true, detail: `${CONFIG_FILE} loads`, fix: null };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const where = [
      error.line === undefined ? undefined : `line ${error.line}`,
      error.key === undefined ? undefined : `key ${error.key}`,
    ].filter(Boolean);
    return {
      name: 'config',
      status: 'error',
      required: true,
      detail: error.message,
      fix: `Fix ${CONFIG_FILE}${where.length > 0 ? ` at ${where.join(', ')}` : ''} (docs/configuration.md), or remove it to use the defaults.`,
    };
  }
}

const JUSTFILE_NAMES = ['justfile', 'Justfile', '.justfile', 'JUSTFILE'];
const INIT_FIX = 'Run `tandem init`: it appends an agent-validate recipe and keeps the rest of the justfile.';

export async function checkJustfile(
  root: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<CheckResult> {
  let file: string | undefined;
  let text = '';
  for (const name of JUSTFILE_NAMES) {
    try {
      text = await readFile(path.join(root, name), 'utf8');
      file = name;
      break;
    } catch {
      // the next spelling
    }
  }
  if (file === undefined)
    return {
      name: 'justfile',
      status: 'warn',
      required: false,
      detail: 'no justfile: agents have no agent-validate recipe to run',
      fix: 'Run `tandem init`: it writes a justfile with an agent-validate recipe.',
    };
  // just itself knows imports and modules; a plain reading of the file is the fallback without it.
  let recipes: string[] | undefined;
  const just = findJust(env);
  if (just) {
    const summary = await probeVersion(
      just.path,
      ['--justfile', path.join(root, file), '--working-directory', root, '--summary'],
      { timeoutMs: VERSION_TIMEOUT_MS, signal, firstLine: true },
    );
    if (!summary.ok)
      return {
        name: 'justfile',
        status: 'warn',
        required: false,
        detail: `just cannot read ${file}: ${summary.line}`,
        fix: `Fix ${file} (\`just --summary\` shows the error).`,
      };
    recipes = summary.line.split(/\s+/);
  } else {
    recipes = [...text.matchAll(/^@?([A-Za-z_][\w-]*)[^\n:=]*:(?!=)/gm)].map((match) => match[1] as string);
  }
  if (!recipes.includes('agent-validate'))
    return {
      name: 'justfile',
      status: 'warn',
      required: false,
      detail: `${file} has no agent-validate recipe`,
      fix: INIT_FIX,
    };
  return { name: 'justfile', status: 'ok', required: false, detail: `${file} has agent-validate`, fix: null };
}

const SERVERS = {
  orchestrator: /tandem-orchestrator|orchestrator[\\/]dist[\\/]main\.js|@tandem\/orchestrator/,
  coder: /tandem-coder|coder[\\/]dist[\\/]main\.js|@tandem\/coder/,
} as const;

/** `.mcp.json` (Claude Code) or `.cursor/mcp.json` (Cursor): an entry that starts each server. */
export async function checkMcpFile(root: string, relative: string): Promise<CheckResult> {
  const fix = 'Run `tandem init`: it adds both servers and keeps your other servers.';
  let text: string;
  try {
    text = await readFile(path.join(root, relative), 'utf8');
  } catch {
    return { name: relative, status: 'warn', required: false, detail: 'not found', fix };
  }
  let servers: Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as { mcpServers?: unknown };
    servers =
      parsed && typeof parsed.mcpServers === 'object' && parsed.mcpServers !== null
        ? (parsed.mcpServers as Record<string, unknown>)
        : {};
  } catch (error) {
    return {
      name: relative,
      status: 'warn',
      required: false,
      detail: `not valid JSON: ${(error as Error).message}`,
      fix: `Fix the JSON in ${relative}, then run \`tandem init\`.`,
    };
  }
  const found: Record<keyof typeof SERVERS, string[]> = { orchestrator: [], coder: [] };
  for (const [key, entry] of Object.entries(servers)) {
    const spec = entry as { command?: unknown; args?: unknown; url?: unknown };
    const words = [key, spec.command, ...(Array.isArray(spec.args) ? spec.args : []), spec.url]
      .map(String)
      .join(' ');
    for (const server of Object.keys(SERVERS) as (keyof typeof SERVERS)[])
      if (SERVERS[server].test(words)) found[server].push(key);
  }
  const absent = (Object.keys(found) as (keyof typeof SERVERS)[]).filter(
    (server) => found[server].length === 0,
  );
  if (absent.length > 0)
    return {
      name: relative,
      status: 'warn',
      required: false,
      detail: `no entry for the ${absent.join(' or the ')} server`,
      fix,
    };
  return {
    name: relative,
    status: 'ok',
    required: false,
    detail: `orchestrator: ${found.orchestrator.join(', ')}; coder: ${found.coder.join(', ')}`,
    fix: null,
  };
}
