import { getCodebaseContextInput, getCodebaseContextOutput } from '@tandem/shared/schemas';
import { getCodebaseContext } from '../context/codebase-context.js';
import { redactorFor } from '../context/redactor.js';
import { defineOrchestratorTool } from './define.js';

/**
 * Up to this size the text block repeats `content` after the header, for clients that show their
 * model only the text; structuredContent always carries it (Claude Code and Codex give their model
 * the structured content when there is one). A larger content (over ~250,000 tokens: more than a
 * model takes from one tool result) is sent once: twice would double the transfer and, at 5 MB,
 * cross the 10 MiB message limit of the MCP SDK's stdio client.
 */
export const TEXT_CONTENT_MAX_BYTES = 1024 * 1024;

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
    const bytes = Buffer.byteLength(result.content, 'utf8');
    if (bytes > TEXT_CONTENT_MAX_BYTES) {
      const where =
        result.step === 'full'
          ? `read it in slices or grep it with read_context {"output_id": "${result.output_id}"}`
          : `read_context {"output_id": "${result.output_id}"} reads the full pack`;
      return {
        structured: result,
        text: `${header}\n\nThe content (${bytes} bytes) is in structuredContent.content only, too large to repeat here; ${where}.`,
      };
    }
    return { structured: result, text: `${header}\n\n${result.content}` };
  },
});
