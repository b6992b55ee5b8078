// tandem-coder: the coder MCP server on stdio.
import { createLogger, loadConfigOrExit, parseServerArgs, serveStdio } from '@tandem/shared';
import { createCoderServer } from './server.js';
import { CODER_VERSION } from './version.js';

const args = parseServerArgs(process.argv.slice(2), {
  bin: 'tandem-coder',
  version: CODER_VERSION,
  summary: 'structural code search, rewrite and checks for coding agents (MCP)',
});
const logger = createLogger('tandem-coder');
loadConfigOrExit(args.root, logger);
let coder: ReturnType<typeof createCoderServer>;
try {
  coder = createCoderServer({ root: args.root, logger });
} catch (error) {
  // A config that cannot be used stops the server: running with a policy other than the one written
  // down (say, defaults in place of a restrictive role) would be worse than not running.
  logger.error((error as Error).message);
  process.exit(1);
}
const { server, audit } = coder;
await serveStdio({ server, logger, cleanup: () => audit.flush() });
