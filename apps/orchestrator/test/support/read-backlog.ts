// Calls read_backlog on a connected orchestrator and checks the answer against the shared schema.
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { backlogOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import type { ConnectedOrchestrator } from './orchestrator.js';

function textOf(content: unknown): string {
  return (content as Array<{ type: string; text?: string }>).map((part) => part.text ?? '').join('\n');
}

export type BacklogResult = z.output<typeof backlogOutput>;

export async function readBacklog(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown> = {},
): Promise<BacklogResult & { text: string }> {
  const result = await orchestrator.client.callTool(
    { name: 'read_backlog', arguments: args },
    CallToolResultSchema,
  );
  const text = textOf(result.content);
  if (result.isError) throw new Error(`read_backlog failed: ${text}`);
  return { ...backlogOutput.parse(result.structuredContent), text };
}

/** The text of a read_backlog call that must fail. */
export async function readBacklogError(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown> = {},
): Promise<string> {
  const result = await orchestrator.client.callTool(
    { name: 'read_backlog', arguments: args },
    CallToolResultSchema,
  );
  const text = textOf(result.content);
  if (!result.isError) throw new Error(`read_backlog succeeded where it should fail: ${text}`);
  return text;
}
