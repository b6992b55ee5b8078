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

/**
 * The text napi parses for `pattern`: grammars where `$` cannot start an identifier (Python, Nix, ...)
 * read metavariables through an expando character. napi does this rewrite itself when it compiles a
 * pattern (findAll, rules), so only code that parses a pattern as plain text — the pattern dump —
 * calls this; a pattern handed to napi must stay as written, or it would be rewritten twice.
 *
 * The rewrite is napi's, to the character: a dynamic language (every @ast-grep/lang-* package, Nix,
 * config languages) replaces every metavariable character, even one inside a string such as Nix's
 * `"${x}"`; a built-in language replaces a `$` only before an uppercase letter or `_`, or as `$$$`.
 */
export function toPatternSource(pattern: string, lang: Language): string {
  if (lang.expandoChar === lang.metaVarChar) return pattern;
  if (lang.dynamic) return pattern.replaceAll(lang.metaVarChar, lang.expandoChar);
  return pattern.replace(/\$+/g, (dollars, offset: number) => {
    const next = pattern[offset + dollars.length];
    const starts = next !== undefined && /[A-Z_]/.test(next);
    const anonymousMultiple = dollars.length === 3 && !starts;
    return starts || anonymousMultiple ? lang.expandoChar.repeat(dollars.length) : dollars;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function metavariableName(text: string, lang: Language): string | undefined {
  const sigil = lang.metaVarChar;
  const normalized = lang.expandoChar === sigil ? text : text.replaceAll(lang.expandoChar, sigil);
  const s = escapeRegExp(sigil);
  const shape = new RegExp(`^${s}(${s}${s})?([A-Z_][A-Z0-9_]*)?$`);
  return shape.test(normalized) && normalized.length > 1 ? normalized : undefined;
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
