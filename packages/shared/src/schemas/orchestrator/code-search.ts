// The `code_search` tool: the coder's ast_search, each match placed in its enclosing symbol.
import { z } from 'zod';
import { astSearchInput, astSearchOutput, foundMatch } from '../coder/search.js';

export const symbolKind = z.enum([
  'function',
  'method',
  'class',
  'interface',
  'enum',
  'struct',
  'trait',
  'impl',
  'module',
  'type',
]);

export const enclosingSymbol = z.object({
  name: z.string(),
  kind: symbolKind,
  line: z.number().int().describe('1-based first line of the symbol'),
  end_line: z.number().int(),
  qualified_name: z.string().describe('Names of the enclosing symbols, outermost first, joined by "."'),
});

export const codeSearchInput = astSearchInput;

export const codeSearchMatch = foundMatch.extend({
  symbol: enclosingSymbol
    .nullable()
    .optional()
    .describe('Innermost symbol around the match; null at top level; absent when not known for the language'),
});

export const codeSearchOutput = astSearchOutput.extend({
  matches: z.array(codeSearchMatch),
  symbols: z.object({
    languages: z.array(z.string()).describe('Languages whose symbols were looked up'),
    unsupported_languages: z
      .array(z.string())
      .describe('Languages of matches without a symbol table; their matches have no `symbol`'),
    complete: z
      .boolean()
      .describe('false when the symbol lookup stopped at its cap; matches past it have no `symbol`'),
  }),
});
