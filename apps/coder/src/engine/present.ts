// Turns napi matches into the bounded, 1-based shapes the tools return.
import type { SgNode } from '@ast-grep/napi';

export const MAX_MATCH_TEXT = 2000;
export const MAX_CAPTURE_TEXT = 300;
const MAX_CONTEXT_LINE = 300;

/** Cuts long text, saying how much was left out. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… [${text.length - max} more chars]`;
}

export interface PresentedMatch {
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  text: string;
  captures?: Record<string, string>;
}

/** Captured text of each metavariable the query names (`$A`, `$$$ARGS`), for the ones that matched. */
export function capturesOf(
  node: SgNode,
  metavariables: readonly string[],
  source: string,
): Record<string, string> | undefined {
  const captures: Record<string, string> = {};
  for (const name of metavariables) {
    const bare = name.replace(/^\$+/, '');
    if (name.startsWith('$$$')) {
      const nodes = node.getMultipleMatches(bare);
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      if (!first || !last) continue;
      captures[name] = cut(source.slice(first.range().start.index, last.range().end.index), MAX_CAPTURE_TEXT);
    } else {
      const captured = node.getMatch(bare) ?? undefined;
      if (captured) captures[name] = cut(captured.text(), MAX_CAPTURE_TEXT);
      else {
        const transformed = node.getTransformed(bare);
        if (transformed !== null) captures[name] = cut(transformed, MAX_CAPTURE_TEXT);
      }
    }
  }
  return Object.keys(captures).length > 0 ? captures : undefined;
}

export function presentMatch(node: SgNode, metavariables: readonly string[], source: string): PresentedMatch {
  const { start, end } = node.range();
  const captures = capturesOf(node, metavariables, source);
  return {
    line: start.line + 1,
    column: start.column + 1,
    end_line: end.line + 1,
    end_column: end.column + 1,
    text: cut(node.text(), MAX_MATCH_TEXT),
    ...(captures ? { captures } : {}),
  };
}

/** The matched lines with `contextLines` around them, each prefixed by its number. */
export function contextOf(source: string, startLine: number, endLine: number, contextLines: number): string {
  const lines = source.split('\n');
  const from = Math.max(1, startLine - contextLines);
  const to = Math.min(lines.length, endLine + contextLines);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n += 1) {
    const text = (lines[n - 1] ?? '').replace(/\r$/, '');
    const marker = n >= startLine && n <= endLine ? ':' : '-';
    out.push(`${String(n).padStart(width)}${marker} ${cut(text, MAX_CONTEXT_LINE)}`);
  }
  return out.join('\n');
}

/** First line of a match for the compact text listing. */
export function snippet(text: string): string {
  const lines = text.split('\n');
  const first = cut((lines[0] ?? '').trim(), 160);
  return lines.length > 1 ? `${first} … (+${lines.length - 1} lines)` : first;
}
