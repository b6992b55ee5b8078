// `plan:` — how the orchestrator holds an agent to the Plan → Consult → Implement → Validate loop.
// `advisory` (the default) lets every call through and says in the result which step was skipped;
// `strict` refuses a refactor apply or a commit until the loop's preconditions hold; `off` neither
// warns nor refuses. Recording against the active plan happens in every mode.
import { z } from 'zod';

export const GUARDRAIL_MODES = ['off', 'advisory', 'strict'] as const;

export const planSection = z
  .strictObject({
    guardrails: z
      .enum(GUARDRAIL_MODES)
      .default('advisory')
      .describe(
        'off: record only; advisory: warn when a step is skipped; strict: refuse refactor apply and commit until the loop allows them',
      ),
  })
  .prefault({});

export type PlanConfig = z.output<typeof planSection>;
export type GuardrailMode = (typeof GUARDRAIL_MODES)[number];
