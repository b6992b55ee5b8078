// An MCP prompt is data plus a handler, like a tool: the seam (register-prompts.ts) lists it, checks
// the arguments a client sends, runs the handler with a call context and audits the call. Prompts
// come from a function of the server's services, called on every request, so a server's prompts may
// follow its configuration (one prompt per configured persona, say).
import type { PromptMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Identity } from '../governance/identity.js';
import type { Logger } from '../log/logger.js';

export interface PromptArgumentDefinition {
  name: string;
  description: string;
  required: boolean;
}

export interface PromptContext<S> {
  services: S;
  identity: Identity;
  /** Aborts on client cancellation or when the server's per-call timeout passes. */
  signal: AbortSignal;
  root: string;
  logger: Logger;
}

export interface PromptResult {
  description?: string;
  messages: PromptMessage[];
}

export interface PromptDefinition<S> {
  /** snake_case, as tool names. */
  name: string;
  title?: string;
  description: string;
  arguments: readonly PromptArgumentDefinition[];
  /** Arguments arrive checked: every required one present, no unknown names. */
  handler(args: Readonly<Record<string, string>>, context: PromptContext<S>): Promise<PromptResult>;
}

/** The prompts of a server, resolved per request from its services and root. */
export type PromptSource<S> = (server: { services: S; root: string }) => readonly PromptDefinition<S>[];
