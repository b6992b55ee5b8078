// Builds an MCP server whose only capability is its tools, registered through the seam.
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { loadConfig } from '../config/load-config.js';
import { type TandemConfig, tandemConfig } from '../config/schema.js';
import { AuditLog } from '../governance/audit.js';
import { localIdentity } from '../governance/identity.js';
import { type CallLimits, DEFAULT_LIMITS } from '../governance/limits.js';
import { Redactor } from '../governance/redaction.js';
import { type Logger, setLogRedactor } from '../log/logger.js';
import type { ToolDefinition } from './define-tool.js';
import { registerTools } from './register-tools.js';

export interface ToolServerOptions<S> {
  name: string;
  version: string;
  instructions: string;
  /** Canonical workspace root; state goes to <root>/.tandem/. */
  root: string;
  tools: readonly ToolDefinition<S>[];
  services: S;
  logger: Logger;
  limits?: Partial<CallLimits>;
  /** The workspace's config; read from <root>/.tandem/config.yaml when not given. */
  config?: TandemConfig;
}

export interface ToolServer {
  server: Server;
  audit: AuditLog;
  redactor: Redactor;
}

export function stateDir(root: string): string {
  return path.join(root, '.tandem');
}

export function createToolServer<S>(options: ToolServerOptions<S>): ToolServer {
  const server = new Server(
    { name: options.name, version: options.version },
    { capabilities: { tools: { listChanged: false } }, instructions: options.instructions },
  );
  const config = options.config ?? configOrDefaults(options.root, options.logger);
  const redactor = new Redactor({ envNames: config.redaction.env, patterns: config.redaction.patterns });
  // The process's log lines are masked with this server's patterns from now on.
  setLogRedactor(redactor);
  const audit = new AuditLog(stateDir(options.root), options.logger.child('audit'), {
    maxFileBytes: config.audit.max_file_bytes,
    maxFiles: config.audit.max_files,
  });
  registerTools(server, options.tools, {
    serverName: options.name,
    root: options.root,
    services: options.services,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    audit,
    redactor,
    logger: options.logger,
    identity: localIdentity(),
  });
  return { server, audit, redactor };
}

/**
 * The config, or the defaults when it cannot be used. Its own users (the coder's languages) report
 * a bad file to the caller; here the server keeps its safe defaults and says so in the log.
 */
function configOrDefaults(root: string, logger: Logger): TandemConfig {
  try {
    return loadConfig(root).config;
  } catch (error) {
    logger.error(`${(error as Error).message} Redaction and audit use their defaults.`);
    return tandemConfig.parse({});
  }
}
