import { createHash } from 'node:crypto';
import { ToolError } from '@tandem/shared';
import { astSearchInput, astSearchOutput } from '@tandem/shared/schemas';
import { noMatchHints } from '../engine/hints.js';
import { contextOf, presentMatch, snippet } from '../engine/present.js';
import { compileQuery } from '../engine/query.js';
import { emptySkips, MAX_COUNTED_MATCHES, scan } from '../engine/search.js';
import { defineCoderTool } from './define.js';
import { selectTargets } from './select-targets.js';

interface Cursor {
  v: 1;
  /** Fingerprint of the query and scope the cursor belongs to. */
  q: string;
  /** Matches already returned. */
  o: number;
}

function fingerprint(args: Record<string, unknown>): string {
  const { cursor: _cursor, limit: _limit, context_lines: _context, ...query } = args;
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16);
}

function readCursor(text: string | undefined, expected: string): number {
  if (text === undefined) return 0;
  let cursor: Cursor;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new ToolError('The cursor is not one this server issued.', {
      hint: 'Pass next_cursor from the previous page unchanged, or leave cursor out to start over.',
    });
  }
  if (cursor.v !== 1 || typeof cursor.o !== 'number' || cursor.o < 0) {
    throw new ToolError('The cursor is not one this server issued.', {
      hint: 'Pass next_cursor from the previous page unchanged.',
    });
  }
  if (cursor.q !== expected) {
    throw new ToolError(
      'The cursor belongs to a different search (pattern, rule, language, paths or globs changed).',
      {
        hint: 'Repeat the search with the same arguments, or leave cursor out to start over.',
      },
    );
  }
  return cursor.o;
}

export const astSearch = defineCoderTool({
  name: 'ast_search',
  title: 'Structural search',
  description:
    'Find code by ast-grep pattern or YAML/JSON rule across files (gitignore respected). Paged; no match is a result with hints, not an error.',
  input: astSearchInput,
  output: astSearchOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root, signal, progress }) {
    const query = compileQuery(args, services.languages);
    const key = fingerprint(args);
    const offset = readCursor(args.cursor, key);

    const selection = await selectTargets(args, query, services, root, signal);
    if ('nothing' in selection) {
      const { summary, hints } = selection.nothing;
      return {
        structured: {
          outcome: 'nothing_scanned' as const,
          matches: [],
          total_matches: 0,
          files_scanned: 0,
          files_with_matches: 0,
          files_skipped: emptySkips(),
          languages: [],
          hints,
        },
        text: `Nothing scanned: ${summary}\n${hints.join('\n')}`,
      };
    }
    const applicable = selection.targets;

    const result = await scan(applicable, query, services.trees, {
      signal,
      onProgress: (done, total) => void progress(done, total, `${done}/${total} files`),
    });
    const page = result.matches.slice(offset, offset + args.limit);
    const matches = page.map(({ target, node, file }) => {
      const presented = presentMatch(node, query.metavariables, file.text);
      return {
        file: target.relative,
        ...presented,
        ...(args.context_lines > 0
          ? { context: contextOf(file.text, presented.line, presented.end_line, args.context_lines) }
          : {}),
      };
    });
    const nextOffset = offset + page.length;
    const next_cursor =
      nextOffset < result.matches.length
        ? Buffer.from(JSON.stringify({ v: 1, q: key, o: nextOffset } satisfies Cursor)).toString('base64url')
        : undefined;
    const total = result.matches.length;
    const hints =
      total === 0
        ? noMatchHints({
            query,
            registry: services.languages,
            parsed: result.parsed.map(({ target, file }) => ({ relative: target.relative, file })),
            languages: [...new Set(result.parsed.map(({ target }) => target.lang))],
          })
        : [];
    if (offset > 0 && page.length === 0 && total > 0) {
      hints.push(`The cursor is past the last match (${total} in all): the search has no more pages.`);
    }
    if (selection.truncated)
      hints.push('The walk stopped at its file cap: narrow `paths` or `globs` to see every file.');

    const structured = {
      outcome: total > 0 ? ('matches' as const) : ('no_matches' as const),
      matches,
      total_matches: total,
      ...(result.capped ? { total_is_lower_bound: true } : {}),
      files_scanned: result.filesScanned,
      files_with_matches: result.filesWithMatches,
      files_skipped: result.skipped,
      languages: result.languages,
      ...(next_cursor ? { next_cursor } : {}),
      hints,
    };

    const skippedCount = Object.values(result.skipped).reduce((a, b) => a + b, 0);
    const header =
      total === 0
        ? `No matches in ${result.filesScanned} file(s) (${result.languages.join(', ')}).`
        : `${result.capped ? `At least ${MAX_COUNTED_MATCHES}` : total} match(es) in ${result.filesWithMatches} of ${result.filesScanned} file(s); showing ${offset + 1}-${nextOffset}.`;
    const lines = [
      header +
        (skippedCount
          ? ` ${skippedCount} file(s) skipped (binary, non-UTF-8, too large or unreadable).`
          : ''),
    ];
    for (const match of matches) {
      lines.push(
        match.context
          ? `${match.file}:${match.line}:${match.column}\n${match.context}`
          : `${match.file}:${match.line}:${match.column}: ${snippet(match.text)}`,
      );
    }
    if (next_cursor) lines.push(`More: pass cursor "${next_cursor}".`);
    lines.push(...hints);
    return { structured, text: lines.join('\n') };
  },
});
