export { type AuditConfig, auditConfig } from './config/audit.js';
export { CONFIG_FILE, ConfigError, type LoadedConfig, loadConfig } from './config/load-config.js';
export { compileRedactionPattern, type RedactionConfig, redactionConfig } from './config/redaction.js';
export { type LanguageConfig, languageConfig, type TandemConfig, tandemConfig } from './config/schema.js';
export {
  AuditLog,
  type AuditLogOptions,
  type AuditRecord,
  argumentShape,
  CALL_OUTCOMES,
  type CallOutcome,
  outcomeOf,
} from './governance/audit.js';
export {
  AUDIT_DIR,
  AUDIT_FILE,
  type AuditReadStats,
  auditDirOf,
  listAuditFiles,
  parseAuditLine,
  readAuditRecords,
} from './governance/audit-files.js';
export {
  IDENTITY_META_KEY,
  type Identity,
  localIdentity,
  type Principal,
  principalOf,
  resolveIdentity,
} from './governance/identity.js';
export {
  CallCancelledError,
  type CallLimits,
  CallTimeoutError,
  checkRequestSize,
  DEFAULT_LIMITS,
  requestSize,
  runWithTimeout,
} from './governance/limits.js';
export { type CallToRedact, type RedactedCall, redactCall, redactValue } from './governance/redact-call.js';
export {
  defaultRedactor,
  MIN_ENV_SECRET_LENGTH,
  Redactor,
  type RedactorOptions,
  SECRET_ENV_NAME,
} from './governance/redaction.js';
export {
  createLogger,
  flushLogs,
  type Logger,
  type LogLevel,
  setLogRedactor,
  writeLogLine,
} from './log/logger.js';
export { keepStdoutForProtocol, serveStdio } from './runtime/serve-stdio.js';
export { parseServerArgs, type ServerArgs, type ServerCliInfo } from './runtime/server-args.js';
export {
  createToolServer,
  stateDir,
  type ToolServer,
  type ToolServerOptions,
} from './seam/create-tool-server.js';
export {
  type CallContext,
  type ToolAnnotations,
  type ToolDefinition,
  type ToolResult,
  toolDefiner,
} from './seam/define-tool.js';
export {
  MAX_TOOL_NAME_LENGTH,
  registerTools,
  type SeamContext,
  TOOL_NAME_PATTERN,
} from './seam/register-tools.js';
export { describeError, ToolError } from './seam/tool-error.js';
export { canonicalRoot, type ResolvedPath, resolveInRoot } from './workspace/resolve-in-root.js';
