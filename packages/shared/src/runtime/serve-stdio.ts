// Runs a server over stdio and owns its lifetime: stdout carries JSON-RPC only, and the process exits
// cleanly when stdin closes or on SIGTERM/SIGINT/SIGHUP, after the server's own cleanup.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { flushLogs, type Logger } from '../log/logger.js';
import { LenientStdioServerTransport } from './serve-stdio-transport.js';

/**
 * console.log, console.info and console.debug write to stdout; a dependency that logs through them
 * would corrupt the JSON-RPC stream, so they are pointed at stderr for the life of the server.
 */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

export interface StdioServe {
  server: Server;
  logger: Logger;
  /** Server cleanup (children, pending writes); bounded by `shutdownTimeoutMs`. */
  cleanup: () => Promise<void>;
  shutdownTimeoutMs?: number;
}

export async function serveStdio(options: StdioServe): Promise<void> {
  keepStdoutForProtocol();
  const { server, logger } = options;
  let shuttingDown = false;
  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`shutting down (${reason})`);
    const deadline = new Promise<void>((resolve) =>
      setTimeout(resolve, options.shutdownTimeoutMs ?? 5000).unref(),
    );
    try {
      await Promise.race([
        (async () => {
          await options.cleanup();
          await server.close();
        })(),
        deadline,
      ]);
    } catch (error) {
      logger.warn(`cleanup failed: ${(error as Error).message}`);
    }
    await Promise.race([flushLogs(), deadline]);
    process.exit(0);
  };

  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.stdout.on('error', () => void shutdown('stdout closed'));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));

  // Malformed frames are answered by the transport; the log says what came in.
  server.onerror = (error) => logger.warn(`protocol: ${error.message}`);
  await server.connect(new LenientStdioServerTransport());
  logger.info('ready on stdio');
}
