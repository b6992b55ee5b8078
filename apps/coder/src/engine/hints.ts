// Why a query found nothing, in terms an agent can act on. Each hint is checked, not guessed: a
// pattern that parsed into an error node, text that occurs but not as the node the pattern became,
// and a relational rule that matches once `stopBy: end` lets it look past the nearest node.
import type { NapiConfig } from '@ast-grep/napi';
import type { Language, LanguageRegistry } from './languages.js';
import { type CompiledQuery, patternsOf } from './query.js';
import { toPatternSource } from './syntax-tree.js';
import type { ParsedFile } from './tree-cache.js';

export interface HintInput {
  query: CompiledQuery;
  registry: LanguageRegistry;
  /** Files that were parsed and searched, with their language. */
  parsed: ReadonlyArray<{ relative: string; file: ParsedFile }>;
  languages: readonly Language[];
}

const RELATIONAL = ['inside', 'has', 'precedes', 'follows'] as const;
const PROBE_FILES = 2000;
const MAX_PROBE_PATTERN = 300;

/** A copy of a rule with every relational rule's stopBy set to `end`, or undefined when none lacked it. */
export function withStopByEnd(value: unknown): { rule: unknown; changed: boolean } {
  if (Array.isArray(value)) {
    let changed = false;
    const rule = value.map((item) => {
      const result = withStopByEnd(item);
      changed ||= result.changed;
      return result.rule;
    });
    return { rule, changed };
  }
  if (typeof value !== 'object' || value === null) return { rule: value, changed: false };
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const result = withStopByEnd(child);
    changed ||= result.changed;
    let next = result.rule;
    if ((RELATIONAL as readonly string[]).includes(key) && typeof next === 'object' && next !== null) {
      const relation = next as Record<string, unknown>;
      if (relation.stopBy === undefined || relation.stopBy === 'neighbor') {
        next = { ...relation, stopBy: 'end' };
        changed = true;
      }
    }
    copy[key] = next;
  }
  return { rule: copy, changed };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A whitespace-insensitive regex for a pattern's text, metavariables as bounded wildcards. */
function textualProbe(pattern: string): RegExp | undefined {
  if (pattern.length > MAX_PROBE_PATTERN) return undefined;
  const pieces = pattern.split(/\$\$?\$?[A-Z_][A-Z0-9_]*/);
  if (pieces.length > 4) return undefined; // more than 3 wildcards: the probe could backtrack badly
  const literal = pieces.map((piece) =>
    [...piece.replace(/\s+/g, '')].map((char) => escapeRegex(char)).join('\\s*'),
  );
  if (literal.join('').length < 3) return undefined; // too little text to say anything
  return new RegExp(literal.join('\\s*[\\s\\S]{0,200}?\\s*'));
}

function position(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

function patternKind(registry: LanguageRegistry, lang: Language, pattern: string): string | undefined {
  const root = registry.ast.parse(lang.napiName, toPatternSource(pattern, lang)).root();
  let node = root.children().find((child) => child.isNamed());
  // A statement wrapper says less than the expression inside it.
  while (node && node.kind() === 'expression_statement') node = node.children().find((c) => c.isNamed());
  return node ? String(node.kind()) : undefined;
}

export function noMatchHints(input: HintInput): string[] {
  const { query, registry, parsed, languages } = input;
  const hints: string[] = [];

  for (const lang of languages) {
    for (const problem of query.patternErrors(lang)) {
      hints.push(
        `The pattern \`${problem.pattern}\` does not parse as ${lang.name}: ${problem.kind} at ${problem.line}:${problem.column}. Make it a complete ${lang.name} construct, or give it as \`pattern: { context: <complete code>, selector: <node kind> }\` (dump_syntax_tree with format pattern shows how it reads).`,
      );
    }
  }

  const stopBy = withStopByEnd(query.config.rule);
  if (stopBy.changed) {
    let found: { relative: string; at: string; count: number } | undefined;
    for (const { relative, file } of parsed) {
      const base = query.forLanguage(file.lang);
      if (!base) continue;
      const nodes = file.root.root().findAll({ ...base, rule: stopBy.rule } as NapiConfig);
      if (nodes.length === 0) continue;
      const start = (nodes[0] as (typeof nodes)[number]).range().start;
      found = found ?? { relative, at: `${start.line + 1}:${start.column + 1}`, count: 0 };
      found.count += nodes.length;
    }
    if (found) {
      hints.push(
        `With \`stopBy: end\` on its inside/has/precedes/follows rules, this rule matches ${found.count} time(s), first at ${found.relative}:${found.at}. By default a relational rule only looks at the nearest parent, child or sibling.`,
      );
    }
  }

  // The textual probe only speaks for a bare pattern: with more rules or constraints, text that occurs
  // may have been filtered out on purpose.
  const rule = query.config.rule;
  const barePattern =
    Object.keys(rule).length === 1 && typeof rule.pattern === 'string' && !query.config.constraints;
  for (const pattern of barePattern ? patternsOf(rule) : []) {
    const probe = textualProbe(pattern);
    if (!probe) continue;
    for (const { relative, file } of parsed.slice(0, PROBE_FILES)) {
      const hit = probe.exec(file.text);
      if (!hit) continue;
      const kind = patternKind(registry, file.lang, pattern);
      hints.push(
        `Text resembling \`${pattern}\` occurs at ${relative}:${position(file.text, hit.index)}, but not as a whole ${kind ? `\`${kind}\` ` : ''}node, which is what the pattern parses as in ${file.lang.name}. Give the surrounding code as \`pattern: { context: ..., selector: <kind> }\`, or match a larger construct.`,
      );
      break;
    }
  }

  return hints;
}
