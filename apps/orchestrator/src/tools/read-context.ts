import { readContextInput, readContextOutput } from '@tandem/shared/schemas';
import { readContext } from '../context/read-context.js';
import { redactorFor } from '../context/redactor.js';
import { defineOrchestratorTool } from './define.js';

export const readContextTool = defineOrchestratorTool({
  name: 'read_context',
  title: 'Read context',
  description:
    'Reads a kept get_codebase_context pack by output_id: a line slice (start_line, end_line) or a regex grep with context lines.',
  input: readContextInput,
  output: readContextOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root }) {
    const result = await readContext(root, args, services.config.context, redactorFor(services.config));
    const where =
      result.mode === 'grep'
        ? `${result.total_matches} matching lines`
        : `lines ${result.start_line}-${result.end_line}`;
    const header = `${result.output_id}: ${where} of ${result.total_lines}${result.next ? ` — ${result.next}` : ''}`;
    return { structured: result, text: `${header}\n\n${result.text}` };
  },
});
