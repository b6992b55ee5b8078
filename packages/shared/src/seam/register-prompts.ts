// The prompts half of the seam: prompts/list and prompts/get over the server's PromptSource. A failed
// prompts/get is a JSON-RPC error (prompts have no isError result): InvalidParams for what the caller
// can fix (unknown prompt, missing or unknown argument, a handler's ToolError), InternalError for the
// rest. Every prompts/get is audited like a tool call, under the name `prompt:<name>`.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  ErrorCode,
  GetPromptRequestSchema,
  type GetPromptResult,
  ListPromptsRequestSchema,
  McpError,
} from '@modelcontextprotocol/sdk/types.js';
import { argumentShape, type CallOutcome, outcomeOf } from '../governance/audit.js';
import { principalOf, resolveIdentity } from '../governance/identity.js';
import { checkRequestSize, requestSize, runWithTimeout } from '../governance/limits.js';
import { redactCall } from '../governance/redact-call.js';
import type { PromptDefinition, PromptSource } from './define-prompt.js';
import { type SeamContext, TOOL_NAME_PATTERN } from './register-tools.js';
import { describeError, ToolError } from './tool-error.js';

/** The audit record's `tool` for a prompts/get of `name`. */
export const promptAuditName = (name: string) => `prompt:${name}`;

function resolvePrompts<S>(source: PromptSource<S>, context: SeamContext<S>): readonly PromptDefinition<S>[] {
  const prompts = source({ services: context.services, root: context.root });
  const seen = new Set<string>();
  for (const prompt of prompts) {
    if (!TOOL_NAME_PATTERN.test(prompt.name))
      throw new Error(`Prompt name "${prompt.name}" must be snake_case.`);
    if (seen.has(prompt.name)) throw new Error(`Prompt "${prompt.name}" is defined twice.`);
    seen.add(prompt.name);
  }
  return prompts;
}

function checkArguments<S>(prompt: PromptDefinition<S>, args: Record<string, string>): void {
  const known = new Set(prompt.arguments.map((argument) => argument.name));
  const unknown = Object.keys(args).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new ToolError(
      `Prompt "${prompt.name}" has no argument ${unknown.map((name) => `"${name}"`).join(', ')}.`,
      {
        hint: `Its arguments: ${prompt.arguments.map((argument) => argument.name).join(', ') || 'none'}.`,
      },
    );
  }
  const missing = prompt.arguments.filter(
    (argument) => argument.required && (args[argument.name] ?? '').trim() === '',
  );
  if (missing.length > 0) {
    throw new ToolError(
      `Prompt "${prompt.name}" needs ${missing.map((argument) => `"${argument.name}"`).join(', ')}.`,
      { hint: missing.map((argument) => `${argument.name}: ${argument.description}`).join('; ') },
    );
  }
}

export function registerPrompts<S>(server: Server, source: PromptSource<S>, context: SeamContext<S>): void {
  server.registerCapabilities({ prompts: { listChanged: false } });

  server.setRequestHandler(ListPromptsRequestSchema, async () => ({
    prompts: resolvePrompts(source, context).map((prompt) => ({
      name: prompt.name,
      ...(prompt.title ? { title: prompt.title } : {}),
      description: prompt.description,
      arguments: prompt.arguments.map((argument) => ({ ...argument })),
    })),
  }));

  server.setRequestHandler(GetPromptRequestSchema, async (request, extra): Promise<GetPromptResult> => {
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const { name, arguments: args = {}, _meta: meta } = request.params;
    const identity = resolveIdentity(
      context.identity,
      meta as Record<string, unknown> | undefined,
      extra.authInfo,
    );
    let outcome: CallOutcome = 'ok';
    let failure: { type: string; message: string } | undefined;
    let result: GetPromptResult | undefined;
    let thrown: McpError | undefined;
    let requestBytes = 0;
    try {
      const prompts = resolvePrompts(source, context);
      const prompt = prompts.find((candidate) => candidate.name === name);
      if (!prompt) {
        throw new ToolError(`Unknown prompt "${name}".`, {
          hint: `This server has: ${prompts.map((known) => known.name).join(', ') || 'no prompts'}.`,
        });
      }
      requestBytes = requestSize(args);
      checkRequestSize(requestBytes, context.limits.maxRequestBytes);
      checkArguments(prompt, args);
      const produced = await runWithTimeout(context.limits.timeoutMs, extra.signal, (signal) =>
        prompt.handler(args, {
          services: context.services,
          identity,
          signal,
          root: context.root,
          logger: context.logger.child(promptAuditName(name)),
        }),
      );
      result = {
        ...(produced.description ? { description: produced.description } : {}),
        messages: produced.messages,
      };
    } catch (error) {
      outcome = outcomeOf(error);
      failure =
        error instanceof Error
          ? { type: error.name, message: error.message }
          : { type: typeof error, message: String(error) };
      if (!(error instanceof ToolError))
        context.logger.error(`prompt ${name} failed unexpectedly`, { error: String(error) });
      const text = context.redactor.maskEnvValues(describeError(error));
      thrown = new McpError(
        error instanceof ToolError ? ErrorCode.InvalidParams : ErrorCode.InternalError,
        text,
      );
    }
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const bytesReturned = result ? Buffer.byteLength(JSON.stringify(result), 'utf8') : 0;
    context.audit.append(
      redactCall(context.redactor, { tool: promptAuditName(name), args, error: failure }).then(
        ({ tool, error, files_changed: _files, ...values }) => ({
          time: startedAt,
          server: context.serverName,
          tool,
          request_id: extra.requestId,
          identity,
          role: principalOf(identity).role,
          args_shape: argumentShape(args),
          ...values,
          outcome,
          ...(error ? { error } : {}),
          duration_ms: durationMs,
          request_bytes: requestBytes,
          bytes_returned: bytesReturned,
        }),
      ),
    );
    if (thrown) throw thrown;
    return result as GetPromptResult;
  });
}
