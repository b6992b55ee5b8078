import { TASK_TIMEOUT_CEILING_S } from '@tandem/shared';
import { refactorInput, refactorOutput } from '@tandem/shared/schemas';
import { defineOrchestratorTool } from './define.js';

export const refactor = defineOrchestratorTool({
  name: 'refactor',
  title: 'Refactor',
  description:
    'Structural rewrite as one transaction: dry run (default) shows diff and change ids; dry_run: false applies them, runs validation and restores every touched file if it fails.',
  input: refactorInput,
  output: refactorOutput,
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: false,
    runsCommands: true,
  },
  // Validation may take as long as the longest task the config allows, plus waiting for locks.
  timeoutMs: (TASK_TIMEOUT_CEILING_S + 300) * 1000,
  async handler(args, context) {
    // Loaded on first use: the server answers initialize without it.
    const { runRefactor } = await import('../refactor/transaction.js');
    const { checkGuardrail } = await import('../plan/guardrail.js');
    const { recordRefactor, withWarnings } = await import('../plan/tool-events.js');
    // A dry run writes nothing, so the plan's guardrails never stop it.
    const guard = args.dry_run ? { warnings: [] } : await checkGuardrail(context, 'refactor_apply');
    const { structured, text, filesChanged } = await runRefactor(context, args);
    const recorded = args.dry_run ? [] : await recordRefactor(context, args, structured);
    return withWarnings({ structured, text, filesChanged }, [...guard.warnings, ...recorded]);
  },
});
