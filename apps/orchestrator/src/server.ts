// createOrchestratorServer: the orchestrator's tools over its services (the coder client above all),
// registered through the shared seam. The caller owns the returned cleanup.
import {
  createToolServer,
  type Logger,
  loadConfig,
  type TandemConfig,
  type ToolServer,
} from '@tandem/shared';
import { CoderClient, type CoderClientOptions } from './coder-client/coder-client.js';
import { coderEntry } from './coder-client/coder-entry.js';
import { warmUpContext } from './context/warm-up.js';
import { personaPrompts } from './specialists/persona-prompts.js';
import { findJust } from './tasks/just-binary.js';
import { orchestratorTools } from './tools/index.js';
import { ORCHESTRATOR_VERSION } from './version.js';

export interface OrchestratorServerOptions {
  root: string;
  logger: Logger;
  coder?: Partial<CoderClientOptions>;
  /** The workspace config; by default `<root>/.tandem/config.yaml` is loaded (ConfigError when unusable). */
  config?: TandemConfig;
}

export interface OrchestratorServer extends ToolServer {
  coder: CoderClient;
  close(): Promise<void>;
}

export function createOrchestratorServer({
  root,
  logger,
  coder: coderOptions,
  config = loadConfig(root, { logger }).config,
}: OrchestratorServerOptions): OrchestratorServer {
  const coder = new CoderClient({
    root,
    entry: coderEntry(),
    logger: logger.child('coder-client'),
    clientVersion: ORCHESTRATOR_VERSION,
    ...coderOptions,
  });
  const toolServer = createToolServer({
    name: 'tandem-orchestrator',
    version: ORCHESTRATOR_VERSION,
    instructions:
      'The brain of the Tandem pair: workspace context, project tasks and safe workflows; structural code work is delegated to its coder.',
    root,
    tools: orchestratorTools,
    prompts: personaPrompts,
    services: { coder, just: findJust(), config },
    config,
    logger,
    // After the reply to `initialize` has gone out; over HTTP every session initializes, it runs once.
    onInitialized: () => setImmediate(() => void warmUpContext(logger.child('context'))),
  });
  return {
    ...toolServer,
    coder,
    close: async () => {
      await coder.close();
      await toolServer.audit.flush();
    },
  };
}
