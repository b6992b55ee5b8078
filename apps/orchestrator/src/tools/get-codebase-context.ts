import { getCodebaseContextInput, getCodebaseContextOutput } from '@tandem/shared/schemas';
import { getCodebaseContext } from '../context/codebase-context.js';
import { redactorFor } from '../context/redactor.js';
import { defineOrchestratorTool } from './define.js';

export const getCodebaseContextTool = defineOrchestratorTool({
  name: 'get_codebase_context',
  title: 'Get codebase context',
  description:
    'Repomix pack of the workspace within token_budget (compresses, then omits files, then structure only); secrets excluded; full pack kept as output_id for read_context.',
  input: getCodebaseContextInput,
  output: getCodebaseContextOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  timeoutMs: 300_000,
  async handler(args, { services, root, signal, progress, logger }) {
    const result = await getCodebaseContext(
      root,
      args,
      services.config.context,
      redactorFor(services.config),
      { signal, progress, logger },
    );
    const omitted =
      result.omitted_count > 0
        ? `; omitted ${result.omitted_count} files (${result.omitted_tokens} tokens): ${result.omitted_files
            .slice(0, 10)
            .map((file) => `${file.path} (${file.tokens})`)
            .join(', ')}${result.omitted_count > 10 ? ', …' : ''}`
        : '';
    const suspicious =
      result.suspicious_files.length > 0
        ? `; excluded by the secret check: ${result.suspicious_files.map((file) => file.path).join(', ')}`
        : '';
    const header = `output_id ${result.output_id}${result.cached ? ' (cached)' : ''}: ${result.step}, ${result.tokens}/${result.token_budget} tokens, ${result.included_files}/${result.total_files} files; full pack ${result.full_tokens} tokens, ${result.full_lines} lines (read_context)${omitted}${suspicious}`;
    return { structured: result, text: `${header}\n\n${result.content}` };
  },
});
