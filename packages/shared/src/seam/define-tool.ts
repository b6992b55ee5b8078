// A tool is data plus a handler. Tools never see the SDK server: they get a call context, and the
// seam (register-tools.ts) is the only code that exposes them to clients.
import type { CreateMessageRequest, CreateMessageResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import type { Logger } from '../log/logger.js';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
  /**
   * Tandem's own, enforced rather than hinted: the tool starts processes (linters, project tasks),
   * so its permission class is execute. Not sent in the tool's MCP annotations.
   */
  runsCommands?: boolean;
  /** Tandem's own: the tool commits to version control; its permission class is commit. */
  commits?: boolean;
}

export interface CallContext<S> {
  /** The server's own services (engines, clients), fixed when the tools are registered. */
  services: S;
  identity: Identity;
  /** Aborts on client cancellation or when the call's timeout passes. */
  signal: AbortSignal;
  /** The canonical workspace root. */
  root: string;
  logger: Logger;
  /** Sends a progress notification when the client asked for progress; otherwise does nothing. */
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /**
   * Whether this caller's role lets it call `tool` of this server (RBAC only, no budget or rate
   * limit is spent): for results that say what the caller may do next, such as a task list.
   */
  permits(tool: string): boolean;
  /**
   * MCP sampling: asks the calling client's model, as part of this call. Undefined when the client did
   * not declare the `sampling` capability.
   */
  sampling?: {
    createMessage(
      params: CreateMessageRequest['params'],
      options?: { timeoutMs?: number },
    ): Promise<CreateMessageResult>;
  };
}

export interface ToolResult<O> {
  structured: O;
  /** Compact text for the model; defaults to the structured result as JSON. */
  text?: string;
  /** Files the call wrote, relative to the root: recorded in the audit, not sent to the client. */
  filesChanged?: readonly string[];
}

export interface ToolDefinition<S, I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** Overrides the server's per-call timeout for this tool. */
  timeoutMs?: number;
  handler(args: z.output<I>, context: CallContext<S>): Promise<ToolResult<z.input<O>>>;
}

/**
 * Returns a `defineTool` bound to a server's services type, so each tool file infers its argument and
 * result types from its schemas: `const defineCoderTool = toolDefiner<CoderServices>()`.
 */
export function toolDefiner<S>() {
  return <I extends z.ZodObject, O extends z.ZodObject>(definition: ToolDefinition<S, I, O>) =>
    definition as unknown as ToolDefinition<S>;
}
