// The commit message convention: Conventional Commits (type(scope)!: subject) by default, with the
// allowed types and scopes taken from the project's own tool config when it has one — cog.toml
// (cocogitto), .conform.yaml (conform) or a commitlint config — and from `git.commit` otherwise.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_COMMIT_TYPES, type GitConfig, ToolError } from '@tandem/shared';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { loadCommitlint } from './commitlint-loader.js';

export interface Convention {
  style: 'conventional' | 'none';
  types: string[];
  /** Empty: any scope. */
  scopes: string[];
  requireScope: boolean;
  maxHeaderLength: number;
  /** Where types and scopes came from, e.g. "cog.toml" or "config git.commit". */
  source: string;
  notes: string[];
}

/** cocogitto's built-in types, which `[commit_types]` extends unless disable_default_commit_types. */
const COG_DEFAULT_TYPES = [
  'feat',
  'fix',
  'style',
  'build',
  'refactor',
  'ci',
  'test',
  'perf',
  'chore',
  'revert',
  'docs',
];

const COMMITLINT_FILES = [
  '.commitlintrc',
  '.commitlintrc.json',
  '.commitlintrc.yaml',
  '.commitlintrc.yml',
  '.commitlintrc.js',
  '.commitlintrc.cjs',
  '.commitlintrc.mjs',
  '.commitlintrc.ts',
  '.commitlintrc.cts',
  'commitlint.config.js',
  'commitlint.config.cjs',
  'commitlint.config.mjs',
  'commitlint.config.ts',
  'commitlint.config.cts',
  'commitlint.config.mts',
];

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function unreadable(file: string, error: unknown): ToolError {
  return new ToolError(
    `Could not read the commit convention from ${file}: ${(error as Error).message ?? error}`,
    {
      hint: `Fix ${file} (the project's commit message rules) or remove it.`,
    },
  );
}

function fromConfig(git: GitConfig, source = 'config git.commit'): Convention {
  return {
    style: git.commit.style,
    types: git.commit.types,
    scopes: git.commit.scopes,
    requireScope: git.commit.require_scope,
    maxHeaderLength: git.commit.max_header_length,
    source,
    notes: [],
  };
}

function fromCog(file: string, base: Convention): Convention {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw unreadable('cog.toml', error);
  }
  const declared =
    doc.commit_types && typeof doc.commit_types === 'object' ? Object.keys(doc.commit_types) : [];
  const types =
    doc.disable_default_commit_types === true ? declared : [...new Set([...COG_DEFAULT_TYPES, ...declared])];
  return { ...base, style: 'conventional', types, scopes: strings(doc.scopes) ?? [], source: 'cog.toml' };
}

function fromConform(file: string, base: Convention): Convention | undefined {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw unreadable('.conform.yaml', error);
  }
  const policies = (doc as { policies?: unknown })?.policies;
  const commit = Array.isArray(policies)
    ? (policies.find((policy) => policy?.type === 'commit') as { spec?: Record<string, unknown> } | undefined)
    : undefined;
  const spec = commit?.spec;
  if (!spec) return undefined;
  const conventional = spec.conventional as { types?: unknown; scopes?: unknown } | undefined;
  const length = (spec.header as { length?: unknown } | undefined)?.length;
  const maxHeaderLength = typeof length === 'number' && length > 0 ? length : base.maxHeaderLength;
  if (!conventional) {
    return { ...base, style: 'none', maxHeaderLength, source: '.conform.yaml (no conventional policy)' };
  }
  // conform always accepts feat and fix besides the listed types.
  const types = [...new Set(['feat', 'fix', ...(strings(conventional.types) ?? [])])];
  const scopes = (strings(conventional.scopes) ?? []).filter((scope) => scope !== '.*');
  return { ...base, style: 'conventional', types, scopes, maxHeaderLength, source: '.conform.yaml' };
}

/** `[level, 'always'|'never', value]`, active when level > 0. */
function rule(rules: Record<string, unknown>, name: string): { when: string; value: unknown } | undefined {
  const entry = rules[name];
  if (!Array.isArray(entry) || typeof entry[0] !== 'number' || entry[0] === 0) return undefined;
  return { when: String(entry[1] ?? 'always'), value: entry[2] };
}

async function fromCommitlint(
  root: string,
  base: Convention,
  signal: AbortSignal,
): Promise<Convention | undefined> {
  let file: string | undefined;
  let config: unknown;
  const manifest = path.join(root, 'package.json');
  if (existsSync(manifest)) {
    try {
      config = (JSON.parse(readFileSync(manifest, 'utf8')) as { commitlint?: unknown }).commitlint;
    } catch {
      config = undefined;
    }
    if (config !== undefined) file = 'package.json "commitlint"';
  }
  let name: string | undefined;
  if (config === undefined)
    name = COMMITLINT_FILES.find((candidate) => existsSync(path.join(root, candidate)));
  if (name === undefined && config === undefined) return undefined;
  const notes: string[] = [];
  let rules: Record<string, unknown>;
  let unresolved: string[] = [];
  try {
    if (name !== undefined && /\.[cm]?ts$/.test(name)) {
      return {
        ...base,
        notes: [
          `${name} is TypeScript, which Tandem does not load; types and scopes come from ${base.source}. Add a .commitlintrc.json (or set git.commit) to have them checked here.`,
        ],
      };
    }
    if (name !== undefined && /\.[cm]?js$/.test(name)) {
      ({ rules, unresolved } = await loadCommitlint(root, { file: path.join(root, name) }, signal));
      file = name;
    } else {
      if (name !== undefined) {
        config = parseYaml(readFileSync(path.join(root, name), 'utf8'));
        file = name;
      }
      const object = (config ?? {}) as { extends?: unknown; rules?: Record<string, unknown> };
      if (object.extends !== undefined) {
        ({ rules, unresolved } = await loadCommitlint(root, { config: object }, signal));
      } else {
        rules = object.rules ?? {};
      }
    }
  } catch (error) {
    throw unreadable(file ?? name ?? 'the commitlint config', error);
  }
  let types = base.types;
  // Without the preset installed its types are still the well-known conventional ones.
  const conventionalPreset = unresolved.some((entry) => /conventional/.test(entry));
  if (conventionalPreset) {
    types = DEFAULT_COMMIT_TYPES;
    notes.push(`${unresolved.join(', ')} is not installed: using @commitlint/config-conventional's types.`);
  } else if (unresolved.length > 0) {
    notes.push(`Could not resolve ${unresolved.join(', ')} from the project: its rules are not applied.`);
  }
  const typeEnum = rule(rules, 'type-enum');
  if (typeEnum?.when === 'always' && strings(typeEnum.value)) types = strings(typeEnum.value) ?? types;
  const scopeEnum = rule(rules, 'scope-enum');
  const scopes = scopeEnum?.when === 'always' ? (strings(scopeEnum.value) ?? []) : base.scopes;
  const scopeEmpty = rule(rules, 'scope-empty');
  const headerMax = rule(rules, 'header-max-length');
  return {
    ...base,
    style: 'conventional',
    types,
    scopes,
    requireScope: scopeEmpty?.when === 'never' ? true : base.requireScope,
    maxHeaderLength: typeof headerMax?.value === 'number' ? headerMax.value : base.maxHeaderLength,
    source: file ?? 'commitlint',
    notes,
  };
}

export async function loadConvention(root: string, git: GitConfig, signal: AbortSignal): Promise<Convention> {
  const base = fromConfig(git);
  if (git.commit.style === 'none') return base;
  const cog = path.join(root, 'cog.toml');
  if (existsSync(cog)) return fromCog(cog, base);
  const conform = path.join(root, '.conform.yaml');
  if (existsSync(conform)) {
    const found = fromConform(conform, base);
    if (found) return found;
  }
  return (await fromCommitlint(root, base, signal)) ?? base;
}

const HEADER = /^(?<type>[A-Za-z][\w-]*)(?:\((?<scope>[^()\r\n]*)\))?(?<breaking>!)?: (?<subject>\S.*)$/;

/** Problems with `message` under `convention`; empty when it is fine. */
export function checkMessage(message: string, convention: Convention): string[] {
  const lines = message.replace(/\r\n/g, '\n').split('\n');
  const header = lines[0] ?? '';
  const problems: string[] = [];
  if (header.trim() === '') return ['the first line (the header) is empty'];
  if (header.length > convention.maxHeaderLength) {
    problems.push(
      `the header is ${header.length} characters long; at most ${convention.maxHeaderLength} are allowed`,
    );
  }
  if (lines.length > 1 && (lines[1] ?? '').trim() !== '') {
    problems.push('the body must be separated from the header by a blank line');
  }
  if (convention.style === 'none') return problems;
  const match = HEADER.exec(header);
  if (!match?.groups) {
    problems.push(
      `the header "${header}" is not "type(scope)!: subject" (scope and ! optional, one space after the colon)`,
    );
    return problems;
  }
  const { type = '', scope, subject = '' } = match.groups;
  if (!convention.types.includes(type)) {
    problems.push(`the type "${type}" is not allowed`);
  }
  if (scope !== undefined && scope.trim() === '') problems.push('the scope in () is empty');
  if (scope === undefined && convention.requireScope) problems.push('a scope is required');
  if (scope !== undefined && scope.trim() !== '' && convention.scopes.length > 0) {
    const bad = scope
      .split(/[,/\\]/)
      .map((part) => part.trim())
      .filter((part) => !convention.scopes.includes(part));
    if (bad.length > 0) problems.push(`the scope "${bad.join(', ')}" is not allowed`);
  }
  if (subject.trim() === '') problems.push('the subject is empty');
  return problems;
}

export function describeConvention(convention: Convention): string {
  if (convention.style === 'none') {
    return `Any message with a header of at most ${convention.maxHeaderLength} characters (${convention.source}).`;
  }
  return [
    `Conventional Commits: "type(scope)!: subject", header at most ${convention.maxHeaderLength} characters, a blank line before the body.`,
    `Allowed types (${convention.source}): ${convention.types.join(', ')}.`,
    convention.scopes.length > 0
      ? `Allowed scopes: ${convention.scopes.join(', ')}${convention.requireScope ? ' (required)' : ''}.`
      : convention.requireScope
        ? 'A scope is required.'
        : 'Any scope, or none.',
  ].join(' ');
}
