// Calls `plan` on a connected orchestrator and checks its result against the shared schema.
import { planOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { callTool } from './call.js';
import type { ConnectedOrchestrator } from './orchestrator.js';

export type PlanOutput = z.output<typeof planOutput>;

export async function callPlan(
  orchestrator: ConnectedOrchestrator,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string; output: PlanOutput | undefined }> {
  const reply = await callTool(orchestrator, 'plan', args);
  return {
    isError: reply.isError,
    text: reply.text,
    output: reply.isError ? undefined : planOutput.parse(reply.structured),
  };
}

export const STEPS = [
  { title: 'Ask the architect about the report', phase: 'consult' },
  { title: 'Sum the expenses with a generator' },
  { title: 'Run the validation', phase: 'validate' },
];
