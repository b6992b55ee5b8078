import { codeSearchInput, codeSearchOutput } from '@tandem/shared/schemas';
import { delegate } from '../coder-client/delegate.js';
import { placeInSymbols } from '../search/enclosing-symbols.js';
import { defineOrchestratorTool } from './define.js';

export const codeSearch = defineOrchestratorTool({
  name: 'code_search',
  title: 'Code search',
  description:
    "Structural search (the coder's ast_search arguments); each match also names its enclosing function, method or class.",
  input: codeSearchInput,
  output: codeSearchOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, context) {
    const found = await delegate(context, 'ast_search', args);
    const { matches, symbols } = await placeInSymbols(context, found.matches);
    const lines = matches.map((match) => {
      const where = match.symbol ? ` [${match.symbol.kind} ${match.symbol.qualified_name}]` : '';
      const snippet = match.text.split('\n', 1)[0]?.slice(0, 200) ?? '';
      return `${match.file}:${match.line}:${match.column}${where}: ${snippet}`;
    });
    const summary =
      found.outcome === 'matches'
        ? `${found.total_matches}${found.total_is_lower_bound ? '+' : ''} matches in ${found.files_with_matches} files (${found.files_scanned} scanned)${found.next_cursor ? '; more with next_cursor' : ''}`
        : `${found.outcome}: ${found.hints.join(' ')}`;
    const notes = [
      ...(symbols.unsupported_languages.length
        ? [`no symbol table for: ${symbols.unsupported_languages.join(', ')}`]
        : []),
      ...(symbols.complete ? [] : ['symbol lookup stopped at its cap; narrow the search for symbols']),
    ];
    return {
      structured: { ...found, matches, symbols },
      text: [summary, ...lines, ...notes].join('\n'),
    };
  },
});
