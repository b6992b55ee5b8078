// Calls the orchestrator's `memory` tool: the structured result checked against the shared schema, or
// the error text of a refused call.
import { memoryOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { callTool } from './call.js';
import type { ConnectedOrchestrator } from './orchestrator.js';

export type MemoryOutput = z.output<typeof memoryOutput>;

export async function memory(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown>,
): Promise<MemoryOutput & { text: string }> {
  const reply = await callTool(orchestrator, 'memory', args);
  if (reply.isError) throw new Error(`memory ${JSON.stringify(args)} failed: ${reply.text}`);
  return { ...memoryOutput.parse(reply.structured), text: reply.text };
}

/** The error text of a call that must be refused; fails the test when it succeeds. */
export async function memoryError(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown>,
): Promise<string> {
  const reply = await callTool(orchestrator, 'memory', args);
  if (!reply.isError) throw new Error(`memory ${JSON.stringify(args)} succeeded: ${reply.text}`);
  return reply.text;
}
