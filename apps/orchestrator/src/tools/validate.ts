import { TASK_TIMEOUT_CEILING_S } from '@tandem/shared';
import { validateInput, validateToolOutput } from '@tandem/shared/schemas';
import { recordValidate, withWarnings } from '../plan/tool-events.js';
import { runValidation } from '../tasks/validation.js';
import { defineOrchestratorTool } from './define.js';

export const validate = defineOrchestratorTool({
  name: 'validate',
  title: 'Validate',
  description:
    "Runs the project's validation recipe (default agent-validate): pass/fail, the failing step, the output's tail.",
  input: validateInput,
  output: validateToolOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
    runsCommands: true,
  },
  timeoutMs: (TASK_TIMEOUT_CEILING_S + 60) * 1000,
  async handler(args, context) {
    const result = await runValidation(context, { timeoutS: args.timeout_s });
    const step = result.failing_step;
    const head = result.passed
      ? `${result.recipe} passed in ${result.duration_ms} ms`
      : `${result.recipe} FAILED (${result.timed_out ? 'timed out' : `exit code ${result.exit_code ?? result.signal}`}) in ${result.duration_ms} ms` +
        (step
          ? `; failing step: ${step.kind}${step.tool ? ` (${step.tool})` : ''}${step.recipe_line ? `, justfile line ${step.recipe_line}` : ''}${step.command ? `: ${step.command}` : ''}`
          : '');
    const text = result.passed
      ? head
      : [head, step?.summary ? `--- summary\n${step.summary}` : '', `--- tail\n${result.tail}`]
          .filter(Boolean)
          .join('\n');
    return withWarnings({ structured: result, text }, await recordValidate(context, result));
  },
});
