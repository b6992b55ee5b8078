// Builds an MCP server of tools, and of prompts when it has any, registered through the seam.
import path from 'node:path';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { loadConfig } from '../config/load-config.js';
import type { TandemConfig } from '../config/schema.js';
import { AuditLog } from '../governance/audit.js';
import { type Identity, localIdentity } from '../governance/identity.js';
import { type CallLimits, DEFAULT_LIMITS } from '../governance/limits.js';
import { createPolicy } from '../governance/policy.js';
import { Redactor } from '../governance/redaction.js';
import { type Logger, setLogRedactor } from '../log/logger.js';
import type { PromptSource } from './define-prompt.js';
import type { ToolDefinition } from './define-tool.js';
import { registerPrompts } from './register-prompts.js';
import { registerTools, type SeamContext } from './register-tools.js';

export interface ToolServerOptions<S> {
  name: string;
  version: string;
  instructions: string;
  /** Canonical workspace root; state goes to <root>/.tandem/. */
  root: string;
  tools: readonly ToolDefinition<S>[];
  /** MCP prompts, resolved on every prompts/list and prompts/get; the `prompts` capability only when given. */
  prompts?: PromptSource<S>;
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
  /** Runs when a client finishes initializing, on every server spawned (once per HTTP session). */
  onInitialized?: () => void;
}

export interface ToolServer {
  /** The server a stdio transport connects to. */
  server: Server;
  audit: AuditLog;
  /** Who calls when nobody says otherwise: the local user. */
  identity: Identity;
  /**
   * Another MCP server over the same tools, services, audit and identity. Over HTTP each session
   * (or, stateless, each request) needs its own: an SDK server holds one transport at a time.
   */
  spawn(): Server;
  redactor: Redactor;
}

/**
 * The SDK's own validator (Ajv), made when first asked for: the SDK builds one in every Server's
 * constructor, which costs start-up time, and it is only used to check elicitation answers.
 */
function lazyValidator(): jsonSchemaValidator {
  let ajv: AjvJsonSchemaValidator | undefined;
  return {
    getValidator: (schema) => {
      ajv ??= new AjvJsonSchemaValidator();
      return ajv.getValidator(schema);
    },
  };
}

export function stateDir(root: string): string {
  return path.join(root, '.tandem');
}

export function createToolServer<S>(options: ToolServerOptions<S>): ToolServer {
  const config = options.config ?? loadConfig(options.root, { logger: options.logger }).config;
  const redactor = new Redactor({ envNames: config.redaction.env, patterns: config.redaction.patterns });
  // The process's log lines are masked with this server's patterns from now on.
  setLogRedactor(redactor);
  const audit = new AuditLog(stateDir(options.root), options.logger.child('audit'), {
    maxFileBytes: config.audit.max_file_bytes,
    maxFiles: config.audit.max_files,
  });
  const context: SeamContext<S> = {
    serverName: options.name,
    root: options.root,
    services: options.services,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    audit,
    redactor,
    logger: options.logger,
    identity: localIdentity(config.identity.role),
    policy: createPolicy(config, options.now ? { now: options.now } : {}),
  };
  const spawn = () => {
    const server = new Server(
      { name: options.name, version: options.version },
      {
        capabilities: { tools: { listChanged: false } },
        instructions: options.instructions,
        jsonSchemaValidator: lazyValidator(),
      },
    );
    registerTools(server, options.tools, context);
    if (options.prompts) registerPrompts(server, options.prompts, context);
    if (options.onInitialized) server.oninitialized = options.onInitialized;
    return server;
  };
  return { server: spawn(), audit, identity: context.identity, spawn, redactor };
}
