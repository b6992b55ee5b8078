// Calls a tool of a connected orchestrator and returns what a client sees.
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ConnectedOrchestrator } from './orchestrator.js';

export interface ToolReply {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
}

export async function callTool(
  orchestrator: ConnectedOrchestrator,
  name: string,
  args: Record<string, unknown>,
): Promise<ToolReply> {
  const result = await orchestrator.client.callTool({ name, arguments: args }, CallToolResultSchema, {
    timeout: 120_000,
  });
  const parts = result.content as Array<{ type: string; text?: string }>;
  const text = parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n');
  return {
    isError: result.isError === true,
    text,
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}
