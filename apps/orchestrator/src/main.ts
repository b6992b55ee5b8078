// tandem-orchestrator: the orchestrator MCP server on stdio, or on Streamable HTTP with --transport http.
import {
  createLogger,
  flushLogs,
  loadConfigOrExit,
  parseServerArgs,
  serveHttp,
  serveStdio,
} from '@tandem/shared';
import { createOrchestratorServer } from './server.js';
import { ORCHESTRATOR_VERSION } from './version.js';

/** How long /readyz waits for the coder to start and answer a ping. */
const READY_TIMEOUT_MS = 10_000;

const args = parseServerArgs(process.argv.slice(2), {
  bin: 'tandem-orchestrator',
  version: ORCHESTRATOR_VERSION,
  summary: 'workspace context, tasks and safe code workflows for coding agents (MCP)',
});
const logger = createLogger('tandem-orchestrator');
const { config } = await loadConfigOrExit(args.root, logger);
let orchestrator: ReturnType<typeof createOrchestratorServer>;
try {
  orchestrator = createOrchestratorServer({ root: args.root, logger, config });
} catch (error) {
  logger.error((error as Error).message);
  await flushLogs();
  process.exit(1);
}
const cleanup = () => orchestrator.close();
if (args.http) {
  await serveHttp({
    root: args.root,
    http: args.http,
    logger,
    toolServer: orchestrator,
    cleanup,
    // Ready when the coder can be started (lazily, as the first delegated call would) and answers.
    readiness: async () => {
      const coder = await orchestrator.coder.health(AbortSignal.timeout(READY_TIMEOUT_MS));
      const detail = coder.state === 'ready' ? `pid ${coder.pid}` : (coder.last_error ?? coder.state);
      return { coder: { ok: coder.state === 'ready', detail } };
    },
  });
} else {
  await serveStdio({ server: orchestrator.server, logger, cleanup });
}
