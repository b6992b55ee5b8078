// Third-party MCP clients installed from the lockfile (devDependencies of this package): the MCP
// Inspector CLI and the Claude Code CLI. Both run with the current Node on their JS entry points,
// with HOME in a temporary directory so nothing of the developer's own configuration leaks in or is
// written to.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { killIfAlive, pollUntil } from './processes.js';

const nodeModules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/** The file a package's bin points at, read from its package.json (pnpm links it under node_modules). */
function binOf(pkg: string, bin: string): string {
  const dir = path.join(nodeModules, pkg);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    bin: Record<string, string>;
  };
  const file = manifest.bin[bin];
  if (!file) throw new Error(`${pkg} has no bin named ${bin}.`);
  return path.join(dir, file);
}

export const inspectorCli = binOf('@modelcontextprotocol/inspector', 'mcp-inspector');
export const claudeCli = binOf('@anthropic-ai/claude-code', 'claude');

export interface CliRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
}

/** The environment of a client run: a fresh HOME, no inherited client configuration or credentials. */
export async function isolatedEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'tandem-client-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, ...extra };
  // Each of these would point the clients away from HOME or at a real account.
  for (const name of [
    'CLAUDE_CONFIG_DIR',
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'MCP_CATALOG_PATH',
    'XDG_CONFIG_HOME',
    'XDG_CACHE_HOME',
    'TANDEM_JWT_SECRET',
  ]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

/** Removes the temporary HOME of an environment from `isolatedEnv`. */
export async function removeHome(env: NodeJS.ProcessEnv | undefined): Promise<void> {
  const home = env?.HOME;
  if (home?.startsWith(path.join(os.tmpdir(), 'tandem-client-home-'))) {
    await rm(home, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** Runs a client's JS entry point with this Node; a generous ceiling, never an assertion on time. */
export async function runClient(
  entry: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliRun> {
  const result = await execa(process.execPath, [entry, ...args], {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}

/** Parses a CLI's JSON stdout, failing with everything it printed when it is not JSON. */
export function jsonOf<T>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(
      `expected JSON on stdout (exit ${run.exitCode}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`,
    );
  }
}

export interface HttpServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts a built server with `--transport http` on a free port; resolves once it says where it listens. */
export async function startHttpServer(
  main: string,
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<HttpServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [main, '--root', root, '--transport', 'http', '--port', '0', ...args],
    { stdio: ['ignore', 'ignore', 'pipe'], env },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let exited = false;
  void closed.then(() => {
    exited = true;
  });
  const url = await pollUntil(
    `${path.basename(path.dirname(path.dirname(main)))} to listen over HTTP`,
    () => {
      if (exited) throw new Error(`the server exited before listening:\n${stderr}`);
      return /ready on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1];
    },
    30_000,
  );
  return {
    url,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => killIfAlive(child.pid), 15_000);
      await closed;
      clearTimeout(timer);
    },
  };
}
