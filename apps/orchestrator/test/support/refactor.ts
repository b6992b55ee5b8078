// Calls `refactor` on a connected orchestrator and checks its result against the shared schema.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { refactorOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import type { ConnectedOrchestrator } from './orchestrator.js';

export type RefactorOutput = z.output<typeof refactorOutput>;

export interface RefactorCall {
  isError: boolean;
  text: string;
  output: RefactorOutput | undefined;
}

export async function callRefactor(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown>,
): Promise<RefactorCall> {
  const result = (await orchestrator.client.callTool({ name: 'refactor', arguments: args }, undefined, {
    timeout: 120_000,
  })) as CallToolResult;
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  return {
    isError: result.isError === true,
    text,
    output: result.isError ? undefined : refactorOutput.parse(result.structuredContent),
  };
}
