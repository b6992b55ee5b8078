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
const { server, audit } = createCoderServer({ root: args.root, logger });
await serveStdio({ server, logger, cleanup: () => audit.flush() });
