export { type AuditConfig, auditConfig } from './config/audit.js';
export { type AuthConfig, authSection, JWT_ALGORITHMS, type JwtAlgorithm } from './config/auth.js';
export { type BudgetLimits, type BudgetsConfig, budgetsSection, duration } from './config/budgets.js';
export {
  type ContextConfig,
  contextConfig,
  DEFAULT_MAX_INPUT_BYTES,
  DEFAULT_MAX_PACKS,
} from './config/context.js';
export {
  DEFAULT_COMMIT_TYPES,
  DEFAULT_PROTECTED_BRANCHES,
  type GitConfig,
  gitSection,
} from './config/git.js';
export { DEFAULT_LOCAL_ROLE, type IdentityConfig, identitySection } from './config/identity.js';
export { CONFIG_FILE, ConfigError, type LoadedConfig, loadConfig } from './config/load-config.js';
export {
  configuredProvider,
  DEFAULT_KEY_VARIABLES,
  DEFAULT_MAX_OUTPUT_TOKENS,
  DEFAULT_MODEL_TIMEOUT_S,
  DEFAULT_MODELS,
  MODEL_PROVIDERS,
  type ModelProvider,
  type ModelsConfig,
  modelsSection,
} from './config/models.js';
export {
  BUILT_IN_PERSONA_IDS,
  type BuiltInPersonaId,
  contextHint,
  DEFAULT_CONSULTATION_BUDGET_TOKENS,
  DEFAULT_MAX_FILE_TOKENS,
  DEFAULT_MAX_QUESTION_CHARS,
  PERSONA_ID_PATTERN,
  type PersonaFields,
  type PersonasConfig,
  personaFields,
  personaId,
  personasSection,
} from './config/personas.js';
export { GUARDRAIL_MODES, type GuardrailMode, type PlanConfig, planSection } from './config/plan.js';
export {
  DEFAULT_RATE_LIMIT,
  type RateLimit,
  type RateLimitsConfig,
  rateLimitsSection,
} from './config/rate-limits.js';
export { compileRedactionPattern, type RedactionConfig, redactionConfig } from './config/redaction.js';
export {
  ALWAYS_PROTECTED_PATHS,
  BUILTIN_PROTECTED_PATHS,
  DEFAULT_REFACTOR_LOCK_TIMEOUT_S,
  DEFAULT_REFACTOR_MAX_FILES,
  type RefactorConfig,
  refactorSection,
} from './config/refactor.js';
export {
  DEFAULT_ROLES,
  PERMISSION_CLASSES,
  type PermissionClass,
  type RoleConfig,
  rolesSection,
} from './config/roles.js';
export { type LanguageConfig, languageConfig, type TandemConfig, tandemConfig } from './config/schema.js';
export {
  AGENT_RECIPE_PREFIX,
  DEFAULT_MAX_TASK_TIMEOUT_S,
  DEFAULT_TASK_TIMEOUT_S,
  DEFAULT_VALIDATE_RECIPE,
  recipeName,
  TASK_TIMEOUT_CEILING_S,
  type TasksConfig,
  tasksSection,
} from './config/tasks.js';
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
export { BudgetLedger, type BudgetSpend, type BudgetTicket } from './governance/budget.js';
export {
  type Authenticator,
  type AuthResult,
  AuthSetupError,
  createAuthenticator,
  DEFAULT_TOKEN_ROLE,
} from './governance/http-auth.js';
export {
  AUTH_IDENTITY_KEY,
  httpIdentityOf,
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
export { createPolicy, type Policy } from './governance/policy.js';
export { RateLimiter } from './governance/rate-limit.js';
export { permissionOf, principalsOf, Rbac } from './governance/rbac.js';
export { type CallToRedact, type RedactedCall, redactCall, redactValue } from './governance/redact-call.js';
export {
  defaultRedactor,
  MIN_ENV_SECRET_LENGTH,
  Redactor,
  type RedactorOptions,
  SECRET_ENV_NAME,
} from './governance/redaction.js';
export {
  PolicyRefusal,
  REFUSAL_META_KEY,
  type RefusalDetails,
  type RefusalReason,
} from './governance/refusal.js';
export { compileToolGlob } from './governance/tool-glob.js';
export {
  createLogger,
  flushLogs,
  type Logger,
  type LogLevel,
  setLogRedactor,
  writeLogLine,
} from './log/logger.js';
export { loadConfigOrExit } from './runtime/check-config.js';
export { type HostPolicy, hostPolicy, rejectForeignHost } from './runtime/http-guard.js';
export { packageRootOf } from './runtime/package-root.js';
export {
  guardProcessGroup,
  killProcessGroup,
  type ProcessGroupGuard,
} from './runtime/process-group.js';
export {
  type HttpServe,
  type HttpServerOptions,
  MCP_PATH,
  type ReadinessCheck,
  type RunningHttpServer,
  serveHttp,
  startHttpServer,
} from './runtime/serve-http.js';
export { keepStdoutForProtocol, serveStdio } from './runtime/serve-stdio.js';
export { LenientStdioServerTransport, STDIO_MAX_LINE_BYTES } from './runtime/serve-stdio-transport.js';
export {
  DEFAULT_HTTP_HOST,
  type HttpArgs,
  isLoopbackHost,
  parseServerArgs,
  type ServerArgs,
  type ServerCliInfo,
  type TransportKind,
} from './runtime/server-args.js';
export {
  createToolServer,
  stateDir,
  type ToolServer,
  type ToolServerOptions,
} from './seam/create-tool-server.js';
export type {
  PromptArgumentDefinition,
  PromptContext,
  PromptDefinition,
  PromptResult,
  PromptSource,
} from './seam/define-prompt.js';
export {
  type CallContext,
  type ToolAnnotations,
  type ToolDefinition,
  type ToolResult,
  toolDefiner,
} from './seam/define-tool.js';
export { promptAuditName, registerPrompts } from './seam/register-prompts.js';
export {
  MAX_TOOL_NAME_LENGTH,
  PERMISSION_META_KEY,
  registerTools,
  type SeamContext,
  TOOL_NAME_PATTERN,
  WITHHELD_META_KEY,
} from './seam/register-tools.js';
export { describeError, ToolError } from './seam/tool-error.js';
export { canonicalRoot, type ResolvedPath, resolveInRoot } from './workspace/resolve-in-root.js';
