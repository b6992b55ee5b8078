// Both servers, started the way a client starts them: the built entry over stdio with --root, the
// MCP SDK's Client, initialize, tools/list, and for the orchestrator a `status` call (which starts
// its coder and pings it). Each step is timed; a failure carries the server's last stderr lines.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { coderEntry } from '../../coder-client/coder-entry.js';
import type { CheckResult } from './doctor-check.js';

/** Bound on one server check: start, initialize, list, and the orchestrator's status with its coder. */
export const SERVER_TIMEOUT_MS = 45_000;
const STDERR_LINES = 8;
const BUILD_FIX = 'Build the servers: `npm run build` at the root of the Tandem checkout.';

export type ServerName = 'coder' | 'orchestrator';

/** The built entry of a server, or why there is none. */
export function serverEntry(server: ServerName): { entry: string } | { problem: string } {
  if (server === 'coder') {
    try {
      return { entry: coderEntry() };
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }
  // This file is dist/cli/doctor/check-servers.js; the orchestrator's entry is dist/main.js.
  const entry = fileURLToPath(new URL('../../main.js', import.meta.url));
  return existsSync(entry) ? { entry } : { problem: `The orchestrator is not built (${entry} is missing).` };
}

function tail(stderr: string): string[] {
  return (
    stderr
      .split('\n')
      .map((line) => line.trimEnd())
      // Stack frames would push the error itself out of the few lines shown.
      .filter((line) => line && !/^\s+at /.test(line))
      .slice(-STDERR_LINES)
      .map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line))
  );
}

/** The likeliest fix, from what the server said before it went away. */
function fixFor(stderr: string, byHand: string): string {
  if (/Invalid config/.test(stderr)) return `Fix the config (see the config row). ${byHand}`;
  if (/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/.test(stderr)) return `${BUILD_FIX} ${byHand}`;
  return byHand;
}

export async function checkServer(
  server: ServerName,
  root: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<CheckResult> {
  const found = serverEntry(server);
  if ('problem' in found)
    return { name: server, status: 'error', required: true, detail: found.problem, fix: BUILD_FIX };
  return probeServer(server, found.entry, root, env, signal);
}

/** Starts `node <entry> --root <root>` as an MCP client does and checks that it answers. */
export async function probeServer(
  server: ServerName,
  entry: string,
  root: string,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<CheckResult> {
  // The SDK costs ~0.1 s to import: loaded by this check only.
  const [{ Client }, { StdioClientTransport }, { CallToolResultSchema }] = await Promise.all([
    import('@modelcontextprotocol/sdk/client/index.js'),
    import('@modelcontextprotocol/sdk/client/stdio.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [entry, '--root', root],
    env: Object.fromEntries(
      Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ),
    cwd: root,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  const exited = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  const client = new Client({ name: 'tandem-doctor', version: '0.0.0' });
  const onAbort = () => void client.close();
  signal.addEventListener('abort', onAbort, { once: true });
  const started = performance.now();
  const ms = (from: number) => `${Math.round(performance.now() - from)} ms`;
  let step = 'start and initialize';
  try {
    await client.connect(transport);
    const initialized = ms(started);
    const info = client.getServerVersion();
    step = 'tools/list';
    const listedAt = performance.now();
    const { tools } = await client.listTools();
    const parts = [
      `${info?.name ?? server} ${info?.version ?? '?'}`,
      `initialize ${initialized}`,
      `tools/list ${ms(listedAt)} (${tools.length} tools)`,
    ];
    if (server === 'orchestrator') {
      step = 'status';
      const statusAt = performance.now();
      const result = await client.callTool({ name: 'status', arguments: {} }, CallToolResultSchema);
      const coder = (result.structuredContent as { coder?: { state?: string; last_error?: string | null } })
        ?.coder;
      if (result.isError || coder?.state !== 'ready') {
        const why = result.isError
          ? JSON.stringify(result.content).slice(0, 300)
          : `its coder is ${coder?.state ?? 'unknown'}${coder?.last_error ? `: ${coder.last_error}` : ''}`;
        return {
          name: server,
          status: 'error',
          required: true,
          detail: `${parts.join(', ')}; status failed: ${why}`,
          fix: 'Check the coder row; `node apps/coder/dist/main.js --root <dir>` runs the coder by hand.',
          stderr_tail: tail(stderr),
        };
      }
      parts.push(`status ${ms(statusAt)} (coder ready)`);
    }
    return { name: server, status: 'ok', required: true, detail: parts.join(', '), fix: null };
  } catch (error) {
    // A server that exits early: give its stderr a moment to arrive before quoting it.
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 500))]);
    return {
      name: server,
      status: 'error',
      required: true,
      detail: `${step} failed after ${ms(started)}: ${(error as Error).message}`,
      fix: fixFor(stderr, `Read its stderr below; \`node ${entry} --root ${root}\` runs it by hand.`),
      stderr_tail: tail(stderr),
    };
  } finally {
    signal.removeEventListener('abort', onAbort);
    // The transport ends stdin, then escalates to SIGTERM and SIGKILL if the server lingers.
    await client.close().catch(() => undefined);
  }
}
