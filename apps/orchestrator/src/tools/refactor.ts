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
    const { structured, text, filesChanged } = await runRefactor(context, args);
    return { structured, text, filesChanged };
  },
});
