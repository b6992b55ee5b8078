// tandem-orchestrator: the orchestrator MCP server on stdio.
import { createLogger, flushLogs, parseServerArgs, serveStdio } from '@tandem/shared';
import { createOrchestratorServer } from './server.js';
import { ORCHESTRATOR_VERSION } from './version.js';

const args = parseServerArgs(process.argv.slice(2), {
  bin: 'tandem-orchestrator',
  version: ORCHESTRATOR_VERSION,
  summary: 'workspace context, tasks and safe code workflows for coding agents (MCP)',
});
const logger = createLogger('tandem-orchestrator');
let orchestrator: ReturnType<typeof createOrchestratorServer>;
try {
  orchestrator = createOrchestratorServer({ root: args.root, logger });
} catch (error) {
  logger.error((error as Error).message);
  await flushLogs();
  process.exit(1);
}
await serveStdio({ server: orchestrator.server, logger, cleanup: () => orchestrator.close() });
