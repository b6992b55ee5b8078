// Rewrite templates: metavariable substitution and re-indentation with the ast-grep CLI's exact
// behaviour (crates/core/src/replacer/template.rs and indent.rs in ast-grep 0.51). napi's
// `SgNode.replace()` inserts text verbatim, so this part is ours. Differential tests against the
// CLI binary (test/renders-rewrites-like-the-cli.test.ts) pin every rule below.
//
// Substitution, as the CLI does it:
// - The template's metavariable character is always `$`, also for languages whose patterns use an
//   expando character (Python's `µ`): a `µA` in a template is literal text.
// - `$NAME` and `$$NAME` insert the single capture NAME; `$$$NAME` spans the source from the first
//   to the last node of the multiple capture NAME (separators and comments between them included).
// - A name is `[A-Z_][A-Z0-9_]*`; a `$` not followed by one (`$`, `$1`, `$a`, `$$$`) stays literal.
// - A metavariable without a capture of its kind inserts nothing: `$_`, `$_X` (never captured),
//   `$X` when X was captured by `$$$X`, `$$$X` when X was captured by `$X`, unknown names.
// - A name listed as a transform takes the transformed string, unless written `$$$NAME`.
//
// Indentation, as the CLI does it (only spaces count; a tab ends the indentation):
// - A multi-line capture is de-indented by the indentation of the source line where it starts and
//   re-indented to the indentation of the template line where its metavariable sits.
// - A multi-line transformed value is indented by its metavariable's template indentation.
// - Every line of the rendered replacement after the first gets the matched node's line
//   indentation prepended, blank lines included.
//
// One intentional difference: with `eol: '\r\n'` the template's line breaks become CRLF, so a
// CRLF file stays CRLF (the CLI inserts the template's LF line breaks verbatim into a CRLF file).
import type { SgNode } from '@ast-grep/napi';
import type { LineEnding } from './source-file.js';

type TemplateVar =
  | { kind: 'single'; name: string; indent: number }
  | { kind: 'multiple'; name: string; indent: number }
  | { kind: 'transformed'; name: string; indent: number };

/** A parsed template: `fragments.length === vars.length + 1`, fragments interleaved with vars. */
export interface CompiledTemplate {
  readonly fragments: readonly string[];
  readonly vars: readonly TemplateVar[];
}

export interface TemplateOptions {
  /** Names defined by the rule's `transform`: `$NAME` takes the transformed value. */
  transformNames?: Iterable<string>;
  /** Line ending for the template's own line breaks (captured text is never touched). */
  eol?: LineEnding;
}

const META = '$';
// The CLI reads the indentation of a line only within this many UTF-8 bytes before an offset.
const MAX_LOOK_BEHIND_BYTES = 512;

function isNameChar(code: number): boolean {
  return (code >= 65 && code <= 90) || code === 95 || (code >= 48 && code <= 57); // A-Z _ 0-9
}

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || code === 95;
}

function utf8Length(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 2; // each half of a surrogate pair: 4 bytes together
  return 3;
}

/**
 * Spaces that start the line containing `offset`, counted as the CLI does: walking back from the
 * offset, a space adds one, any other character resets to zero, a line break ends the walk. When
 * no line break lies within 512 UTF-8 bytes the CLI gives up and answers 0, except at file start.
 */
export function indentAt(text: string, offset: number): number {
  let indent = 0;
  let bytes = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    bytes += utf8Length(code);
    if (bytes > MAX_LOOK_BEHIND_BYTES) return 0;
    if (code === 10) return indent;
    indent = code === 32 ? indent + 1 : 0;
  }
  return indent;
}

/** Re-indents `text` (whose continuation lines sit at `from` spaces) to `to` spaces, as the CLI does. */
function reindent(text: string, from: number, to: number): string {
  if (from === to) return text;
  const lines = text.split('\n');
  if (from > to) {
    const prefix = ' '.repeat(from - to);
    return lines.map((line) => (line.startsWith(prefix) ? line.slice(prefix.length) : line)).join('\n');
  }
  return lines.join(`\n${' '.repeat(to - from)}`);
}

/** A captured span of `source`: single-line text as is, multi-line text moved to `indent`. */
function extract(source: string, start: number, end: number, indent: number): string {
  const text = source.slice(start, end);
  if (!text.includes('\n')) return text;
  return reindent(text, indentAt(source, start), indent);
}

/** Reads the metavariable at `at` (a `$`): the var and the index after it, or undefined if literal. */
function readVar(
  template: string,
  at: number,
  transforms: ReadonlySet<string>,
): { kind: TemplateVar['kind']; name: string; next: number } | undefined {
  let dollars = 1;
  while (dollars < 3 && template[at + dollars] === META) dollars += 1;
  const nameStart = at + dollars;
  let nameEnd = nameStart;
  while (nameEnd < template.length && isNameChar(template.charCodeAt(nameEnd))) nameEnd += 1;
  if (nameEnd === nameStart || !isNameStart(template.charCodeAt(nameStart))) return undefined;
  const name = template.slice(nameStart, nameEnd);
  const kind = dollars === 3 ? 'multiple' : transforms.has(name) ? 'transformed' : 'single';
  return { kind, name, next: nameEnd };
}

export function compileTemplate(template: string, options: TemplateOptions = {}): CompiledTemplate {
  const source = options.eol === '\r\n' ? template.replace(/\r?\n/g, '\r\n') : template;
  const transforms = new Set(options.transformNames ?? []);
  const fragments: string[] = [];
  const vars: TemplateVar[] = [];
  let fragmentStart = 0;
  let at = source.indexOf(META);
  while (at !== -1) {
    const found = readVar(source, at, transforms);
    if (!found) {
      at = source.indexOf(META, at + 1);
      continue;
    }
    fragments.push(source.slice(fragmentStart, at));
    vars.push({ kind: found.kind, name: found.name, indent: indentAt(source, at) });
    fragmentStart = found.next;
    at = source.indexOf(META, fragmentStart);
  }
  fragments.push(source.slice(fragmentStart));
  return { fragments, vars };
}

function substitution(variable: TemplateVar, match: SgNode, source: string): string {
  switch (variable.kind) {
    case 'transformed': {
      const value = match.getTransformed(variable.name);
      return value === null ? '' : reindent(value, 0, variable.indent);
    }
    case 'single': {
      const node = match.getMatch(variable.name);
      if (!node) return '';
      const { start, end } = node.range();
      return extract(source, start.index, end.index, variable.indent);
    }
    case 'multiple': {
      const nodes = match.getMultipleMatches(variable.name);
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      if (!first || !last) return '';
      return extract(source, first.range().start.index, last.range().end.index, variable.indent);
    }
  }
}

/**
 * The replacement text for `match`, to replace its range in `source`. `source` must be the exact
 * text napi parsed (BOM stripped): napi's `Pos.index` is a UTF-16 offset into it.
 */
export function renderTemplate(template: CompiledTemplate, match: SgNode, source: string): string {
  let text = template.fragments[0] ?? '';
  template.vars.forEach((variable, i) => {
    text += substitution(variable, match, source) + (template.fragments[i + 1] ?? '');
  });
  return reindent(text, 0, indentAt(source, match.range().start.index));
}

/** One-off form of compileTemplate + renderTemplate; compile once when rendering many matches. */
export function renderReplacement(
  match: SgNode,
  template: string,
  source: string,
  options: TemplateOptions = {},
): string {
  return renderTemplate(compileTemplate(template, options), match, source);
}
