// tandem-coder: the coder MCP server on stdio, or on Streamable HTTP with --transport http.
import { createLogger, loadConfigOrExit, parseServerArgs, serveHttp, serveStdio } from '@tandem/shared';
import { createCoderServer } from './server.js';
import { CODER_VERSION } from './version.js';

const args = parseServerArgs(process.argv.slice(2), {
  bin: 'tandem-coder',
  version: CODER_VERSION,
  summary: 'structural code search, rewrite and checks for coding agents (MCP)',
});
const logger = createLogger('tandem-coder');
await loadConfigOrExit(args.root, logger);
const toolServer = createCoderServer({ root: args.root, logger });
const cleanup = () => toolServer.audit.flush();
if (args.http) await serveHttp({ root: args.root, http: args.http, logger, toolServer, cleanup });
else await serveStdio({ server: toolServer.server, logger, cleanup });
