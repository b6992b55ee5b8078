import { planInput, planOutput } from '@tandem/shared/schemas';
import { defineOrchestratorTool } from './define.js';

export const planTool = defineOrchestratorTool({
  name: 'plan',
  title: 'Plan',
  description:
    'The Plan → Consult → Implement → Validate loop for this project: create a plan (goal, steps), show where it stands, record step progress or notes, list plans, close the active one. Consultations, refactor applies, commits and validations are recorded on the active plan automatically.',
  input: planInput,
  output: planOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  async handler(args, context) {
    // Loaded on first use: the server answers initialize without it.
    const { runPlanAction } = await import('../plan/actions.js');
    return runPlanAction(context, args);
  },
});
