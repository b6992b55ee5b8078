// The registration seam: the only code that exposes tools to the SDK. Every call runs the governance
// chain in order — identity → RBAC → budget → rate limit → limits (request size, timeout) → handler →
// redaction → audit — with input and output checked against the tool's schemas, and every failure
// turned into an `isError` result with a message.
//
// Why the low-level `Server` and not `McpServer.registerTool`: McpServer validates arguments before
// any code of ours runs, so a call with bad arguments would skip the size limit and leave no audit
// record, and it cannot shape `tools/list` per caller. Owning both handlers keeps every call on one path.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  type CallToolRequest,
  type CallToolResult,
  CreateMessageResultSchema,
  ListToolsRequestSchema,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type AuditLog, argumentShape, type CallOutcome, outcomeOf } from '../governance/audit.js';
import type { BudgetTicket } from '../governance/budget.js';
import { type Identity, principalOf, resolveIdentity } from '../governance/identity.js';
import { type CallLimits, checkRequestSize, requestSize, runWithTimeout } from '../governance/limits.js';
import type { Policy } from '../governance/policy.js';
import { permissionOf } from '../governance/rbac.js';
import { redactCall } from '../governance/redact-call.js';
import type { Redactor } from '../governance/redaction.js';
import { PolicyRefusal, REFUSAL_META_KEY } from '../governance/refusal.js';
import type { Logger } from '../log/logger.js';
import type { CallContext, ToolDefinition } from './define-tool.js';
import { describeError, ToolError } from './tool-error.js';

export interface SeamContext<S> {
  serverName: string;
  root: string;
  services: S;
  limits: CallLimits;
  audit: AuditLog;
  redactor: Redactor;
  logger: Logger;
  identity: Identity;
  policy: Policy;
}

/** A tool's permission class (read, write, execute, commit), in its tools/list entry's `_meta`. */
export const PERMISSION_META_KEY = 'tandem/permission';
/** How many tools the caller's role hides from it, in the tools/list result's `_meta` when any are. */
export const WITHHELD_META_KEY = 'tandem/withheld_tools';

/** How long a sampling request waits for the client's model unless the tool says otherwise. */
const SAMPLING_TIMEOUT_MS = 120_000;

export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const MAX_TOOL_NAME_LENGTH = 32;

function checkDefinitions<S>(tools: readonly ToolDefinition<S>[]): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (!TOOL_NAME_PATTERN.test(tool.name) || tool.name.length > MAX_TOOL_NAME_LENGTH) {
      throw new Error(
        `Tool name "${tool.name}" must be snake_case and at most ${MAX_TOOL_NAME_LENGTH} characters.`,
      );
    }
    if (seen.has(tool.name)) throw new Error(`Tool "${tool.name}" is registered twice.`);
    seen.add(tool.name);
  }
}

/**
 * zod writes a nullable field as `type: ["string", "null"]`; clients that map schemas onto a
 * single-type dialect (Gemini's function declarations) reject that, so it becomes `anyOf`. zod folds
 * `anyOf` back into a type array after its `override` hook runs, hence a walk over the final schema.
 */
function singleTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(singleTypes);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = singleTypes(value);
  if (Array.isArray(out.type)) {
    const { type, ...rest } = out;
    return { ...rest, anyOf: (type as string[]).map((single) => ({ type: single })) };
  }
  return out;
}

function jsonSchemaOf(schema: z.ZodObject, io: 'input' | 'output') {
  return singleTypes(z.toJSONSchema(schema, { target: 'draft-7', io }));
}

function toListEntry<S>(tool: ToolDefinition<S>): Tool {
  // Tandem's own annotations are enforced facts, not MCP hints: clients get the class they imply.
  const { runsCommands: _runsCommands, commits: _commits, ...hints } = tool.annotations;
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchemaOf(tool.input, 'input') as Tool['inputSchema'],
    outputSchema: jsonSchemaOf(tool.output, 'output') as Tool['outputSchema'],
    annotations: { title: tool.title, ...hints },
    _meta: { [PERMISSION_META_KEY]: permissionOf(tool.annotations) },
  };
}

/**
 * What tools/call is registered with: only its method. The SDK's Protocol parses a request against the
 * registered schema before anything else and answers a mismatch (`arguments: []`, say) with
 * InternalError, as if the server had failed; the Server's own tools/call wrapper, which runs next,
 * checks the request against CallToolRequestSchema and answers InvalidParams — the right code for a
 * malformed request. So the first parse lets everything through and the second one judges.
 */
const ToolsCallMethod = z.looseObject({ method: z.literal('tools/call') });

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(arguments)'}: ${issue.message}`)
    .join('; ');
}

export function registerTools<S>(
  server: Server,
  tools: readonly ToolDefinition<S>[],
  context: SeamContext<S>,
): void {
  checkDefinitions(tools);
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  // JSON Schemas are built on the first tools/list, not at start-up: `initialize` does not need them.
  let listing: { tool: ToolDefinition<S>; entry: Tool }[] | undefined;
  const listed = () => {
    listing ??= tools.map((tool) => ({ tool, entry: toListEntry(tool) }));
    return listing;
  };
  const usableBy = (identity: Identity) =>
    tools.filter((tool) => context.policy.rbac.allows(identity, tool.name, permissionOf(tool.annotations)));

  server.registerCapabilities({ tools: { listChanged: false } });
  // Each caller sees only the tools its role lets it call: the others would cost tokens and fail.
  server.setRequestHandler(ListToolsRequestSchema, async (request) => {
    const identity = resolveIdentity(
      context.identity,
      request.params?._meta as Record<string, unknown> | undefined,
    );
    const usable = new Set(usableBy(identity));
    const withheld = tools.length - usable.size;
    return {
      tools: listed()
        .filter(({ tool }) => usable.has(tool))
        .map(({ entry }) => entry),
      ...(withheld > 0 ? { _meta: { [WITHHELD_META_KEY]: withheld } } : {}),
    };
  });

  server.setRequestHandler(ToolsCallMethod, async (loose, extra): Promise<CallToolResult> => {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    // The SDK's tools/call wrapper has checked the request against CallToolRequestSchema by now.
    const request = loose as unknown as CallToolRequest;
    const { name, arguments: args, _meta: meta } = request.params;
    const identity = resolveIdentity(
      context.identity,
      meta as Record<string, unknown> | undefined,
      extra.authInfo,
    );
    const tool = byName.get(name);
    let outcome: CallOutcome = 'ok';
    let failure: { type: string; message: string } | undefined;
    let filesChanged: readonly string[] | undefined;
    let requestBytes = 0;
    let ticket: BudgetTicket | undefined;
    let handlerStarted: number | undefined;
    let result: CallToolResult;

    try {
      if (!tool) {
        throw new ToolError(`Unknown tool "${name}".`, {
          hint: `This server has: ${usableBy(identity)
            .map((usable) => usable.name)
            .join(', ')}.`,
        });
      }
      const permission = permissionOf(tool.annotations);
      context.policy.rbac.check(identity, name, permission);
      const reserved = context.policy.budget.reserve(identity, permission);
      try {
        context.policy.rateLimit.take(identity, name);
      } catch (error) {
        reserved.release(); // refused before it ran: the call is not charged
        throw error;
      }
      ticket = reserved;
      requestBytes = requestSize(args);
      checkRequestSize(requestBytes, context.limits.maxRequestBytes);
      const parsed = tool.input.safeParse(args ?? {});
      if (!parsed.success) {
        throw new ToolError(`Invalid arguments for ${name}: ${formatIssues(parsed.error)}.`, {
          hint: 'Check the argument names and types against the tool input schema.',
        });
      }
      const progressToken = extra._meta?.progressToken;
      handlerStarted = performance.now();
      const output = await runWithTimeout(
        tool.timeoutMs ?? context.limits.timeoutMs,
        extra.signal,
        (signal) => {
          const call: CallContext<S> = {
            services: context.services,
            identity,
            signal,
            root: context.root,
            logger: context.logger.child(name),
            ...(server.getClientCapabilities()?.sampling
              ? {
                  sampling: {
                    createMessage: (params, options = {}) =>
                      extra.sendRequest(
                        { method: 'sampling/createMessage', params },
                        CreateMessageResultSchema,
                        {
                          signal,
                          timeout: options.timeoutMs ?? SAMPLING_TIMEOUT_MS,
                          resetTimeoutOnProgress: true,
                        },
                      ),
                  },
                }
              : {}),
            permits: (other) => {
              const target = byName.get(other);
              return (
                target !== undefined &&
                context.policy.rbac.allows(identity, other, permissionOf(target.annotations))
              );
            },
            progress: async (progress, total, message) => {
              if (progressToken === undefined || signal.aborted) return;
              await extra.sendNotification({
                method: 'notifications/progress',
                params: {
                  progressToken,
                  progress,
                  ...(total === undefined ? {} : { total }),
                  ...(message ? { message } : {}),
                },
              });
            },
          };
          return tool.handler(parsed.data, call);
        },
      );
      const checked = tool.output.safeParse(output.structured);
      if (!checked.success) {
        throw new Error(
          `${name} produced a result that does not match its output schema: ${formatIssues(checked.error)}`,
        );
      }
      const structured = checked.data as Record<string, unknown>;
      filesChanged = output.filesChanged;
      result = {
        content: [{ type: 'text', text: output.text ?? JSON.stringify(structured) }],
        structuredContent: structured,
      };
    } catch (error) {
      outcome = outcomeOf(error);
      // The caller gets the message as it is (its own arguments), but never the server's secrets.
      const errorText = context.redactor.maskEnvValues(describeError(error));
      failure =
        error instanceof Error
          ? { type: error.name, message: error.message }
          : { type: typeof error, message: String(error) };
      if (!(error instanceof ToolError))
        context.logger.error(`${name} failed unexpectedly`, { error: String(error) });
      // Error results carry no structured content: its shape would not match the output schema.
      result = {
        content: [{ type: 'text', text: errorText }],
        isError: true,
        ...(error instanceof PolicyRefusal ? { _meta: { [REFUSAL_META_KEY]: error.details } } : {}),
      };
    }
    if (ticket?.metered) {
      ticket.settle({
        returnedBytes: Buffer.byteLength(JSON.stringify(result), 'utf8'),
        taskSeconds: handlerStarted === undefined ? 0 : (performance.now() - handlerStarted) / 1000,
      });
    }

    // Redaction then audit: the record is written once its strings are masked, off the reply's path.
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const bytesReturned = Buffer.byteLength(JSON.stringify(result), 'utf8');
    context.audit.append(
      redactCall(context.redactor, { tool: name, args, error: failure, filesChanged }).then(
        ({ tool: toolName, error, files_changed, ...values }) => ({
          time: startedAt,
          server: context.serverName,
          tool: toolName,
          request_id: extra.requestId,
          identity,
          role: principalOf(identity).role,
          args_shape: argumentShape(args ?? {}),
          ...values,
          outcome,
          ...(error ? { error } : {}),
          duration_ms: durationMs,
          request_bytes: requestBytes,
          bytes_returned: bytesReturned,
          ...(files_changed ? { files_changed } : {}),
        }),
      ),
    );
    return result;
  });
}
