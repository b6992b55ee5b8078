// The two server entries a client configuration gets: this checkout's built servers, run with node,
// on the target workspace.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerEntries {
  orchestrator: string;
  coder: string;
  /** Entries not built yet: init still writes them, and says to build. */
  missing: string[];
}

export function serverEntries(): ServerEntries {
  // dist/cli/init/server-entries.js → dist/main.js
  const orchestrator = fileURLToPath(new URL('../../main.js', import.meta.url));
  const manifest = createRequire(import.meta.url).resolve('@tandem/coder/package.json');
  const coder = path.join(path.dirname(manifest), 'dist', 'main.js');
  return { orchestrator, coder, missing: [orchestrator, coder].filter((entry) => !existsSync(entry)) };
}

export type Client = 'claude-code' | 'cursor';

/**
 * The server map for one client. `--root` is the target's absolute path: Cursor does not promise a
 * working directory for project servers, and Claude Code's is wherever `claude` was started (maybe a
 * subdirectory). The command paths are this checkout's anyway, so the file is per machine either way.
 */
export function tandemServers(client: Client, entries: ServerEntries, root: string): Record<string, unknown> {
  const entry = (main: string) => ({
    ...(client === 'claude-code' ? { type: 'stdio' } : {}),
    command: 'node',
    args: [main, '--root', root],
    // Info logs on stderr are noise in a client's MCP log; warnings and errors still show.
    env: { TANDEM_LOG_LEVEL: 'warn' },
  });
  return { tandem: entry(entries.orchestrator), 'tandem-coder': entry(entries.coder) };
}
