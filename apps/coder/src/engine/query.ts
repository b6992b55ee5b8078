// A search query (a pattern, or a rule in YAML or JSON) turned into napi matcher configs, one per
// language it applies to. napi validates rules only when they run, so each config is tried once on
// an empty tree of its language and the error, if any, is kept to name the problem.
import { createRequire } from 'node:module';
import type { NapiConfig } from '@ast-grep/napi';
import { ToolError } from '@tandem/shared';
import type { Language, LanguageRegistry } from './languages.js';
import { dumpTree, toPatternSource } from './syntax-tree.js';

// Loaded on the first YAML rule, not at start-up: yaml is a sixth of what the server would parse.
const requireYaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

export interface QuerySource {
  pattern?: string | undefined;
  rule?: string | undefined;
  language?: string | undefined;
}

/** The parts of an ast-grep rule file napi takes; the rest (id, message, severity, ...) is accepted and unused. */
export interface RuleConfig {
  rule: Record<string, unknown>;
  constraints?: Record<string, unknown>;
  utils?: Record<string, unknown>;
  transform?: Record<string, unknown>;
  language?: string;
  fix?: unknown;
}

const CONFIG_KEYS = new Set([
  'id',
  'language',
  'rule',
  'constraints',
  'utils',
  'transform',
  'fix',
  'message',
  'severity',
  'note',
  'url',
  'metadata',
  'files',
  'ignores',
  'labels',
  'rewriters',
]);

export interface PatternProblem {
  pattern: string;
  line: number;
  column: number;
  kind: string;
}

export interface CompiledQuery {
  /** The rule as given (pattern queries become `{ rule: { pattern } }`). */
  config: RuleConfig;
  /** Identifies the query's matching behaviour, for caching matches. */
  key: string;
  /** Language the query is pinned to (argument or rule file), if any. */
  pinned: Language | undefined;
  /** Metavariables named anywhere in the query, with their sigils: `$A`, `$$$ARGS`. */
  metavariables: string[];
  /**
   * Words every match must contain, when the query makes that certain: a file without one of them
   * cannot match and is neither parsed nor searched.
   */
  requiredWords: string[];
  /** napi config for a language, or undefined when the query does not apply to it. */
  forLanguage(lang: Language): NapiConfig | undefined;
  /** Why the query does not apply to a language (the rule error), if it does not. */
  problemIn(lang: Language): string | undefined;
  /** Patterns of the query that parse with ERROR/MISSING nodes in a language. */
  patternErrors(lang: Language): PatternProblem[];
}

const METAVARIABLE = /\$\$?\$?[A-Z_][A-Z0-9_]*/g;

function parseRuleText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      throw new ToolError(`The rule is not valid JSON: ${(error as Error).message}.`, {
        hint: 'Give the rule as JSON or as YAML (the format of ast-grep rule files).',
      });
    }
  }
  const { parse: parseYaml, YAMLParseError } = requireYaml();
  try {
    return parseYaml(trimmed, { prettyErrors: true });
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    const reason = (error as Error).message.split('\n')[0];
    throw new ToolError(`The rule is not valid YAML${where}: ${reason}`, {
      hint: 'Check the indentation and quoting; a pattern containing `:` or `#` needs quotes.',
    });
  }
}

function asRuleConfig(parsed: unknown): RuleConfig {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ToolError(
      'The rule must be an object, such as `pattern: foo($A)` or `{ rule: { kind: ... } }`.',
      {
        hint: 'See https://ast-grep.github.io/reference/rule.html for the rule language.',
      },
    );
  }
  const object = parsed as Record<string, unknown>;
  if (!('rule' in object)) return { rule: object };
  const unknown = Object.keys(object).filter((key) => !CONFIG_KEYS.has(key));
  if (unknown.length > 0) {
    throw new ToolError(`Unknown key(s) in the rule file: ${unknown.join(', ')}.`, {
      hint: 'A rule file has `rule` plus optional `constraints`, `utils`, `transform`, `language`, `fix`.',
    });
  }
  const { rule, constraints, utils, transform, language, fix } = object;
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) {
    throw new ToolError('`rule` must be an object, such as `{ pattern: "foo($A)" }`.');
  }
  if (language !== undefined && typeof language !== 'string') {
    throw new ToolError('`language` in the rule must be a string.');
  }
  return {
    rule: rule as Record<string, unknown>,
    ...(constraints !== undefined ? { constraints: constraints as Record<string, unknown> } : {}),
    ...(utils !== undefined ? { utils: utils as Record<string, unknown> } : {}),
    ...(transform !== undefined ? { transform: transform as Record<string, unknown> } : {}),
    ...(language !== undefined ? { language: language as string } : {}),
    ...(fix !== undefined ? { fix } : {}),
  };
}

/** Every pattern string in a rule tree (plain patterns and pattern objects' `context`). */
export function patternsOf(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) patternsOf(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'pattern' && typeof child === 'string') found.push(child);
      else if (key === 'pattern' && typeof child === 'object' && child !== null) {
        const context = (child as Record<string, unknown>).context;
        if (typeof context === 'string') found.push(context);
      } else patternsOf(child, found);
    }
  }
  return found;
}

/**
 * The identifier-like words of the rule's top-level string pattern. Top-level rule keys are all
 * required, and a pattern matches leaf text exactly, so each word is in every match — except under
 * `strictness` settings that ignore text, and for pattern objects, whose context need not exist in
 * the file; those give no words. This prefilter is what lets a search skip parsing most files.
 */
function requiredWordsOf(rule: Record<string, unknown>): string[] {
  if (typeof rule.pattern !== 'string') return [];
  const literal = rule.pattern.replace(METAVARIABLE, ' ');
  const words = new Set(literal.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? []);
  return [...words];
}

function metavariablesOf(config: RuleConfig): string[] {
  const names = new Set<string>();
  for (const pattern of patternsOf([config.rule, config.constraints, config.utils])) {
    for (const match of pattern.matchAll(METAVARIABLE)) names.add(match[0]);
  }
  for (const key of Object.keys(config.transform ?? {})) names.add(`$${key}`);
  // `$_`-style names are wildcards that capture nothing worth reporting.
  return [...names].filter((name) => !/^\$+_$/.test(name)).sort();
}

/** napi's error chain, shortened to its subject and its most specific cause. */
function describeRuleError(message: string): string {
  const lines = message
    .split('\n')
    .map((line) => line.replace(/^\s*\|->/, '').trim())
    .filter(Boolean);
  const subject = (lines[0] ?? 'invalid rule').replace(/\.$/, '');
  const cause = lines.length > 1 ? lines[lines.length - 1] : undefined;
  return cause ? `${subject}: ${cause}` : subject;
}

/**
 * Whether a rule names the nodes it can match, as the ast-grep CLI requires ("Rule must specify a set
 * of AST kinds to match"): a `pattern` or `kind`, in `all`, in every branch of `any`, or through a
 * `matches` util. napi skips this check and lets `not`/`inside`/`regex`-only rules match every node.
 */
const RULE_KEYS = new Set([
  'pattern',
  'kind',
  'regex',
  'nthChild',
  'range',
  'inside',
  'has',
  'precedes',
  'follows',
  'all',
  'any',
  'not',
  'matches',
]);

function hasPositiveMatcher(
  rule: unknown,
  utils: Record<string, unknown> | undefined,
  seen: Set<string>,
): boolean {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return false;
  const r = rule as Record<string, unknown>;
  // Unknown keys and undefined utils are left to napi, whose errors name them.
  if (Object.keys(r).some((key) => !RULE_KEYS.has(key))) return true;
  if (typeof r.matches === 'string' && utils?.[r.matches] === undefined) return true;
  if (r.pattern !== undefined || r.kind !== undefined) return true;
  if (Array.isArray(r.all) && r.all.some((child) => hasPositiveMatcher(child, utils, seen))) return true;
  if (
    Array.isArray(r.any) &&
    r.any.length > 0 &&
    r.any.every((child) => hasPositiveMatcher(child, utils, seen))
  ) {
    return true;
  }
  if (typeof r.matches === 'string' && !seen.has(r.matches)) {
    return hasPositiveMatcher(utils?.[r.matches], utils, new Set([...seen, r.matches]));
  }
  return false;
}

export function compileQuery(source: QuerySource, registry: LanguageRegistry): CompiledQuery {
  if ((source.pattern === undefined) === (source.rule === undefined)) {
    throw new ToolError('Give exactly one of `pattern` or `rule`.', {
      hint: 'A pattern is code with metavariables (`foo($A)`); a rule is YAML or JSON in the ast-grep rule language.',
    });
  }
  let config: RuleConfig;
  if (source.pattern !== undefined) {
    if (source.pattern.trim() === '') throw new ToolError('The pattern is empty.');
    config = { rule: { pattern: source.pattern } };
  } else {
    if ((source.rule as string).trim() === '') throw new ToolError('The rule is empty.');
    config = asRuleConfig(parseRuleText(source.rule as string));
  }
  if (!hasPositiveMatcher(config.rule, config.utils, new Set())) {
    throw new ToolError('The rule does not say which nodes it matches: it needs a `pattern` or a `kind`.', {
      hint: 'Put one at the top level, in `all`, in every branch of `any`, or in a util used by `matches`; `not`, `inside`, `has`, `regex` and `nthChild` only narrow a match down.',
    });
  }
  const languageName = source.language ?? config.language;
  if (
    source.language &&
    config.language &&
    registry.byName(source.language) !== registry.byName(config.language)
  ) {
    throw new ToolError(
      `The rule says language "${config.language}" but the call says "${source.language}".`,
      { hint: 'Drop one of them.' },
    );
  }
  const pinned = languageName ? registry.byName(languageName) : undefined;

  const napiConfigs = new Map<string, NapiConfig | undefined>();
  const problems = new Map<string, string>();
  const patternProblems = new Map<string, PatternProblem[]>();

  const build = (lang: Language): NapiConfig | undefined => {
    if (napiConfigs.has(lang.name)) return napiConfigs.get(lang.name);
    const napiConfig = {
      rule: config.rule,
      ...(config.constraints ? { constraints: config.constraints } : {}),
      ...(config.utils ? { utils: config.utils } : {}),
      ...(config.transform ? { transform: config.transform } : {}),
    } as unknown as NapiConfig;
    let result: NapiConfig | undefined = napiConfig;
    try {
      registry.ast.parse(lang.napiName, '').root().findAll(napiConfig);
    } catch (error) {
      problems.set(lang.name, describeRuleError((error as Error).message));
      result = undefined;
    }
    napiConfigs.set(lang.name, result);
    return result;
  };

  return {
    config,
    key: JSON.stringify([config.rule, config.constraints, config.utils, config.transform]),
    pinned,
    metavariables: metavariablesOf(config),
    requiredWords: requiredWordsOf(config.rule),
    forLanguage(lang) {
      if (pinned && lang.name !== pinned.name) return undefined;
      return build(lang);
    },
    problemIn(lang) {
      build(lang);
      return problems.get(lang.name);
    },
    patternErrors(lang) {
      const cached = patternProblems.get(lang.name);
      if (cached) return cached;
      const found: PatternProblem[] = [];
      for (const pattern of patternsOf([config.rule, config.utils])) {
        const tree = registry.ast.parse(lang.napiName, toPatternSource(pattern, lang)).root();
        const dumped = dumpTree(tree, 'cst', lang, 1);
        for (const error of dumped.errors.slice(0, 1)) found.push({ pattern, ...error });
      }
      patternProblems.set(lang.name, found);
      return found;
    },
  };
}
