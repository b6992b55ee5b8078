// Places search matches in their enclosing symbols. The coder does all parsing: the symbols of the
// matched files are found by a second, delegated ast_search per symbol rule (symbol-rules.ts), and
// only the containment of ranges is worked out here.
import path from 'node:path';
import type { CallContext } from '@tandem/shared';
import type { codeSearchMatch, enclosingSymbol, foundMatch } from '@tandem/shared/schemas';
import type { z } from 'zod';
import type { CoderClient } from '../coder-client/coder-client.js';
import { delegate } from '../coder-client/delegate.js';
import { SYMBOL_RULES, type SymbolKind } from './symbol-rules.js';

type Match = z.output<typeof foundMatch>;
type PlacedMatch = z.input<typeof codeSearchMatch>;
type EnclosingSymbol = z.input<typeof enclosingSymbol>;

interface Definition {
  name: string;
  kind: SymbolKind;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

/** ast_search takes at most 200 paths per call. */
const PATHS_PER_CALL = 200;
const PAGE_SIZE = 500;
/** Definitions looked up per code_search call, over all files and rules: keeps a call bounded. */
export const MAX_DEFINITIONS = 20_000;

export interface PlacedMatches {
  matches: PlacedMatch[];
  symbols: { languages: string[]; unsupported_languages: string[]; complete: boolean };
}

export async function placeInSymbols(
  context: CallContext<{ coder: CoderClient }>,
  matches: readonly Match[],
): Promise<PlacedMatches> {
  const files = [...new Set(matches.map((match) => match.file))];
  if (files.length === 0)
    return { matches: [], symbols: { languages: [], unsupported_languages: [], complete: true } };
  const languageOf = await extensionTable(context);
  const filesByLanguage = new Map<string, string[]>();
  for (const file of files) {
    const language = languageOf.get(path.extname(file).slice(1).toLowerCase()) ?? '(unknown)';
    filesByLanguage.set(language, [...(filesByLanguage.get(language) ?? []), file]);
  }

  const definitions = new Map<string, Map<string, Definition>>();
  const budget = { left: MAX_DEFINITIONS, complete: true };
  const languages: string[] = [];
  const unsupported: string[] = [];
  for (const [language, languageFiles] of filesByLanguage) {
    const rules = SYMBOL_RULES[language];
    if (!rules) {
      unsupported.push(language);
      continue;
    }
    languages.push(language);
    for (const file of languageFiles) definitions.set(file, new Map());
    // In rule order, so that an earlier (more specific) rule keeps a node a later one also matches.
    for (const { kind, rule } of rules) {
      for (let start = 0; start < languageFiles.length; start += PATHS_PER_CALL) {
        const chunk = languageFiles.slice(start, start + PATHS_PER_CALL);
        for (const found of await findDefinitions(context, language, JSON.stringify(rule), chunk, budget)) {
          const key = `${found.line}:${found.column}-${found.end_line}:${found.end_column}`;
          const inFile = definitions.get(found.file);
          if (inFile && !inFile.has(key)) {
            inFile.set(key, {
              name: found.captures?.$NAME ?? '(anonymous)',
              kind,
              line: found.line,
              column: found.column,
              end_line: found.end_line,
              end_column: found.end_column,
            });
          }
        }
      }
    }
  }

  const placed = matches.map((match): PlacedMatch => {
    const inFile = definitions.get(match.file);
    // A file past the cap may have lost definitions: better no symbol than a wrong one.
    if (!inFile || !budget.complete) return match;
    return { ...match, symbol: enclosing(match, [...inFile.values()]) };
  });
  return {
    matches: placed,
    symbols: {
      languages: languages.sort(),
      unsupported_languages: unsupported.sort(),
      complete: budget.complete,
    },
  };
}

async function findDefinitions(
  context: CallContext<{ coder: CoderClient }>,
  language: string,
  rule: string,
  paths: string[],
  budget: { left: number; complete: boolean },
): Promise<Match[]> {
  const found: Match[] = [];
  let cursor: string | undefined;
  do {
    if (budget.left <= 0) {
      budget.complete = false;
      break;
    }
    const page = await delegate(context, 'ast_search', {
      rule,
      language,
      paths,
      limit: Math.min(PAGE_SIZE, budget.left),
      cursor,
      include_ignored: false,
      include_hidden: false,
      context_lines: 0,
    });
    found.push(...page.matches);
    budget.left -= page.matches.length;
    cursor = page.next_cursor;
  } while (cursor);
  return found;
}

/** Extension → language, from the coder's own table (built-in and configured grammars). */
async function extensionTable(context: CallContext<{ coder: CoderClient }>): Promise<Map<string, string>> {
  const { languages } = await delegate(context, 'list_languages', {});
  const table = new Map<string, string>();
  for (const language of languages) {
    if (!language.loaded) continue;
    for (const extension of language.extensions) table.set(extension.toLowerCase(), language.name);
  }
  return table;
}

type Range = Pick<Definition, 'line' | 'column' | 'end_line' | 'end_column'>;

const before = (aLine: number, aColumn: number, bLine: number, bColumn: number) =>
  aLine < bLine || (aLine === bLine && aColumn <= bColumn);

/** `outer` contains `inner` and is not the very same range (a match that is a definition itself). */
function contains(outer: Range, inner: Range): boolean {
  const same =
    outer.line === inner.line &&
    outer.column === inner.column &&
    outer.end_line === inner.end_line &&
    outer.end_column === inner.end_column;
  return (
    !same &&
    before(outer.line, outer.column, inner.line, inner.column) &&
    before(inner.end_line, inner.end_column, outer.end_line, outer.end_column)
  );
}

function enclosing(match: Range, definitions: Definition[]): EnclosingSymbol | null {
  // Syntax trees nest, so the containing definitions form a chain: sorted by start, the last is innermost.
  const chain = definitions
    .filter((definition) => contains(definition, match))
    .sort((a, b) => a.line - b.line || a.column - b.column || b.end_line - a.end_line);
  const innermost = chain.at(-1);
  if (!innermost) return null;
  return {
    name: innermost.name,
    kind: innermost.kind,
    line: innermost.line,
    end_line: innermost.end_line,
    qualified_name: chain.map((definition) => definition.name).join('.'),
  };
}
