// Prints a syntax tree as indented text, one node per line with 1-based positions, bounded in size.
// napi has no debug printer, so this walks the tree itself.
import type { SgNode } from '@ast-grep/napi';
import type { Language } from './languages.js';

export type TreeFormat = 'cst' | 'ast' | 'pattern';

export interface SyntaxError {
  line: number;
  column: number;
  kind: string;
}

export interface DumpedTree {
  tree: string;
  nodeCount: number;
  truncated: boolean;
  errors: SyntaxError[];
  metavariables: string[];
}

const MAX_TEXT = 48;
const MAX_ERRORS = 20;
/** Walking stops here; past it the count is a lower bound and the dump says so. */
const MAX_WALK = 200_000;

const METAVARIABLE = /\$(\$\$)?([A-Z_][A-Z0-9_]*)?/g;

/**
 * Grammars where `$` cannot start an identifier (Python, Rust, ...) read metavariables through an
 * expando character, as ast-grep does: `$A` becomes `µA` before parsing.
 */
export function toPatternSource(pattern: string, lang: Language): string {
  if (lang.expandoChar === '$') return pattern;
  return pattern.replace(METAVARIABLE, (match) => match.replaceAll('$', lang.expandoChar));
}

function metavariableName(text: string, lang: Language): string | undefined {
  const normalized = lang.expandoChar === '$' ? text : text.replaceAll(lang.expandoChar, '$');
  return /^\$(\$\$)?([A-Z_][A-Z0-9_]*)?$/.test(normalized) && normalized.length > 1 ? normalized : undefined;
}

function quote(text: string): string {
  const oneLine = text.replace(/\r?\n/g, '\\n');
  return JSON.stringify(oneLine.length > MAX_TEXT ? `${oneLine.slice(0, MAX_TEXT)}…` : oneLine);
}

export function dumpTree(root: SgNode, format: TreeFormat, lang: Language, maxNodes: number): DumpedTree {
  const lines: string[] = [];
  const errors: SyntaxError[] = [];
  const metavariables = new Set<string>();
  let nodeCount = 0;
  let walkCut = false;

  const visit = (node: SgNode, depth: number) => {
    if (nodeCount >= MAX_WALK) {
      walkCut = true;
      return;
    }
    const named = node.isNamed();
    const kind = String(node.kind());
    const { start, end } = node.range();
    const isMissing = start.index === end.index && node.isLeaf() && depth > 0;
    // Checked before anonymous nodes are skipped: a MISSING token is usually anonymous (`;`, `)`).
    if ((kind === 'ERROR' || isMissing) && errors.length < MAX_ERRORS) {
      errors.push({
        line: start.line + 1,
        column: start.column + 1,
        kind: isMissing ? `MISSING ${kind}` : kind,
      });
    }
    if (format !== 'cst' && !named) return;
    nodeCount += 1;
    if (lines.length < maxNodes) {
      const position = `${start.line + 1}:${start.column + 1}-${end.line + 1}:${end.column + 1}`;
      const metavariable =
        format === 'pattern' && node.isLeaf() ? metavariableName(node.text(), lang) : undefined;
      if (metavariable) metavariables.add(metavariable);
      const label = metavariable
        ? `MetaVar ${metavariable}`
        : isMissing
          ? `MISSING ${kind}`
          : named
            ? kind
            : quote(kind);
      const text = node.isLeaf() && named && !metavariable ? ` ${quote(node.text())}` : '';
      lines.push(`${'  '.repeat(depth)}${label} ${position}${text}`);
    }
    for (const child of node.children()) visit(child, depth + 1);
  };

  visit(root, 0);
  const truncated = nodeCount > lines.length || walkCut;
  if (truncated) {
    const more = walkCut ? `over ${MAX_WALK - lines.length}` : String(nodeCount - lines.length);
    lines.push(`… ${more} more nodes not shown: raise max_nodes or dump a smaller snippet.`);
  }
  return { tree: lines.join('\n'), nodeCount, truncated, errors, metavariables: [...metavariables] };
}
