// Builds an MCP server whose only capability is its tools, registered through the seam.
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { loadConfig } from '../config/load-config.js';
import type { TandemConfig } from '../config/schema.js';
import { AuditLog } from '../governance/audit.js';
import { localIdentity } from '../governance/identity.js';
import { type CallLimits, DEFAULT_LIMITS } from '../governance/limits.js';
import { createPolicy } from '../governance/policy.js';
import type { Logger } from '../log/logger.js';
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
  /**
   * The workspace config; by default `<root>/.tandem/config.yaml` is loaded, and a file that cannot be
   * used throws ConfigError: a server never runs a policy other than the one configured.
   */
  config?: TandemConfig;
  /** Clock of budgets and rate limits (tests). */
  now?: () => number;
}

export interface ToolServer {
  server: Server;
  audit: AuditLog;
}

export function stateDir(root: string): string {
  return path.join(root, '.tandem');
}

export function createToolServer<S>(options: ToolServerOptions<S>): ToolServer {
  const server = new Server(
    { name: options.name, version: options.version },
    { capabilities: { tools: { listChanged: false } }, instructions: options.instructions },
  );
  const config = options.config ?? loadConfig(options.root, { logger: options.logger }).config;
  const audit = new AuditLog(stateDir(options.root), options.logger.child('audit'));
  registerTools(server, options.tools, {
    serverName: options.name,
    root: options.root,
    services: options.services,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    audit,
    logger: options.logger,
    identity: localIdentity(config.identity.role),
    policy: createPolicy(config, options.now ? { now: options.now } : {}),
  });
  return { server, audit };
}
