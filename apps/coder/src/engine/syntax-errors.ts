// Syntax errors of a parsed file: ERROR nodes, and MISSING tokens the parser assumed to recover.
// Walking every node from JavaScript costs ~20 µs a node through napi, so both are found by rules
// that run inside napi: `kind: ERROR`, and zero-width nodes (`regex: ^$`), which is how a MISSING
// token looks (tree-sitter gives real tokens at least one character).
import type { SgNode } from '@ast-grep/napi';
import { cut } from './present.js';

export interface SyntaxProblem {
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  kind: string;
  snippet: string;
}

export function syntaxProblems(root: SgNode, source: string): SyntaxProblem[] {
  const errors = root.findAll({ rule: { kind: 'ERROR' } });
  const missing = root.findAll({ rule: { regex: '^$' } }).filter((node) => node.isLeaf());
  const nodes = [...errors, ...missing].sort((a, b) => a.range().start.index - b.range().start.index);
  const lines = source.split('\n');
  const problems: SyntaxProblem[] = [];
  let coveredUntil = -1;
  for (const node of nodes) {
    const { start, end } = node.range();
    const isMissing = start.index === end.index;
    // An ERROR inside an earlier ERROR is the same problem seen again.
    if (!isMissing && start.index < coveredUntil) continue;
    if (!isMissing) coveredUntil = end.index;
    problems.push({
      line: start.line + 1,
      column: start.column + 1,
      end_line: end.line + 1,
      end_column: end.column + 1,
      kind: isMissing ? `MISSING ${String(node.kind())}` : 'ERROR',
      snippet: cut((lines[start.line] ?? '').replace(/\r$/, '').trim(), 160),
    });
  }
  return problems;
}
