// The workspace the fuzz runs in: a committed temp copy of the sample repo (makeGitRepo: the local
// user is a maintainer, so write and commit tools run) whose config lifts the rate limits the fuzz
// would otherwise hit and keeps task timeouts short. Budgets are unlimited unless configured.

import fc from 'fast-check';
import type { z } from 'zod';
import { type FieldHints, ODD_STRINGS, PATH_STRINGS } from './fuzz-arguments.js';
import { gitIn, makeGitRepo, type TempRepo } from './git-repo.js';

export const FUZZ_CONFIG = `rate_limits:
  default: { per_minute: 10000000, burst: 1000000 }
tasks:
  allow: [report]
  timeout_s: 20
  max_timeout_s: 30
refactor:
  lock_timeout_s: 5
`;

export function fuzzWorkspace(): Promise<TempRepo> {
  return makeGitRepo({ config: FUZZ_CONFIG });
}

/**
 * Back to the committed sample after a write tool's fuzz: rewrites with 60 kB replacements would
 * otherwise leave megabytes behind for every later tool to scan. .tandem/ (ignored) is kept.
 */
export function resetWorkspace(dir: string): void {
  gitIn(dir, 'checkout', '-q', '-f', 'main');
  gitIn(dir, 'reset', '-q', '--hard');
  gitIn(dir, 'clean', '-q', '-f', '-d');
}

const CODE = [
  'const a = 1;\nconsole.log(a);',
  'function f(x: number) { return x + 1 }',
  'export class A { m() {} }',
  'def f(x):\n    return x\n',
  'echo "$HOME"; ls | wc -l',
  '{ pkgs ? import <nixpkgs> {} }: pkgs.hello',
  '{"a": [1, 2, {"b": null}]}',
  'let x = ((((((((((1))))))))));',
];
const PATTERNS = [
  '$A',
  '$$$A',
  'console.log($A)',
  'function $F($$$P) { $$$B }',
  '$A + $B',
  'import $X from $Y',
  'def $F($$$A): $$$B',
  'export const $A = $B',
];
const RULES = [
  'rule:\n  pattern: console.log($A)',
  'rule:\n  kind: identifier',
  'rule:\n  kind: function_declaration\n  has:\n    kind: identifier\n    regex: ^f',
  'rule:\n  pattern: $A\n  inside:\n    kind: class_body\n    stopBy: end',
  'rule: {pattern: $A}\nfix: X',
  'rule:\n  any:\n    - pattern: $A + $B\n    - pattern: $A - $B\nconstraints:\n  A: {regex: "^[a-z]"}',
  'rule:\n  matches: u\nutils:\n  u: {kind: string}',
  '{"rule": {"kind": "call_expression"}}',
  'rule:\n  regex: "(a+)+$"',
];
const LANGUAGES = [
  'typescript',
  'tsx',
  'javascript',
  'python',
  'bash',
  'json',
  'nix',
  'css',
  'html',
  'rust',
  'TypeScript',
  'ts',
  'py',
  'cobol',
];
// The last one is too long for a regex: it once made the coder fail with an internal error.
const GLOBS = [
  '**/*.ts',
  'src/*.ts',
  '!**/*.py',
  '*.{ts,py}',
  '**',
  '../**',
  '/etc/*',
  '[a-z]*',
  'src/**/../../..',
  '**/.git/**',
  `**/${'a'.repeat(40_000)}`,
];

/** Field names of both servers' inputs mapped to the values they usually take. */
export const FUZZ_HINTS: FieldHints = {
  code: fc.constantFrom(...CODE),
  pattern: fc.constantFrom(...PATTERNS),
  rule: fc.constantFrom(...RULES),
  rewrite: fc.constantFrom('$A', 'logger.info($A)', '', '$$$A;', 'X'),
  language: fc.constantFrom(...LANGUAGES),
  path: fc.constantFrom(...PATH_STRINGS),
  paths: fc.constantFrom(...PATH_STRINGS),
  files: fc.constantFrom(...PATH_STRINGS),
  globs: fc.constantFrom(...GLOBS),
  include: fc.constantFrom(...GLOBS),
  ignore: fc.constantFrom(...GLOBS),
  recipe: fc.constantFrom(
    'agent-lint',
    'report',
    'broken-check',
    'agent-validate',
    'nope',
    '--list',
    '-f',
    'report; id',
  ),
  args: fc.constantFrom('2026-10', '$(id)', '`id`', '; id', '--help', '', '\0'),
  grep: fc.constantFrom('ledger', '(', '(a+)+$', '.*', '\\', 'é'),
  output_id: fc.constantFrom('ctx-1', '../config.yaml', '../../etc/passwd', '.', ''),
  id: fc.constantFrom('task-1', '1', 'item-2', 'architect', 'plan-1', 'note-1', '../x', ''),
  role: fc.constantFrom('architect', 'security', 'sre', 'platform_expert', 'devops_mlops', 'nobody'),
  question: fc.constantFrom('How is the ledger rounded?', '', 'x'.repeat(9000)),
  message: fc.constantFrom(
    'feat: add x',
    'fix(core): y\n\nbody',
    'bad message',
    `chore: ${'x'.repeat(200)}`,
    '',
  ),
  branch: fc.constantFrom(
    'main',
    'ai/x',
    'feature/fuzz',
    '-b',
    '..',
    'a..b',
    'HEAD',
    '@{-1}',
    'refs/heads/x',
    'x~1',
    'x^',
  ),
  change_ids: fc.constantFrom('0', '0:1', '1:1', 'f0', 'x', ''),
  cursor: fc.constantFrom('0', '50', 'eyJvIjo1MH0=', 'abc', '-1'),
  goal: fc.constantFrom('Fuzz the tools', ...ODD_STRINGS.slice(0, 5)),
  query: fc.constantFrom('ledger', 'round', 'csv', '*', '(', ''),
};

/** A tool name → its output schema, for the fuzz's success check. */
export type OutputSchemas = Record<string, z.ZodType>;

/** Calls that succeed on the fuzz workspace (or fail only for want of state), per tool of both servers. */
export const VALID_CALLS: Record<string, Record<string, unknown>[]> = {
  list_languages: [{}],
  dump_syntax_tree: [{ code: 'const a = 1;', language: 'typescript' }, { path: 'src/ledger.ts' }],
  test_rule: [{ code: 'console.log(1)', language: 'typescript', pattern: 'console.log($A)' }],
  ast_search: [
    { pattern: 'console.log($A)', language: 'typescript' },
    { rule: RULES[1] as string, language: 'typescript' },
  ],
  ast_rewrite: [
    { pattern: 'console.log($A)', rewrite: 'logger.info($A)', language: 'typescript' },
    { pattern: 'console.log($A)', rewrite: 'logger.info($A)', language: 'typescript', apply: true },
  ],
  validate_syntax: [{ paths: ['src'] }, { code: 'def f(:', language: 'python' }],
  lint: [{ paths: ['scripts'] }],
  scan_secrets: [{ text: 'hello' }, { paths: ['src'] }],
  status: [{}],
  list_tasks: [{}],
  list_personas: [{}, { id: 'architect' }],
  read_backlog: [{}, { id: 'task-1' }, { query: 'report' }],
  read_context: [{ output_id: 'ctx', grep: 'ledger' }],
  memory: [
    { action: 'add', title: 'Rounding', text: 'Round half to even.', tags: ['money'] },
    { action: 'search', query: 'rounding' },
    { action: 'list' },
  ],
  plan: [
    {
      action: 'create',
      goal: 'Fuzz',
      steps: [{ title: 'one' }, { title: 'two', phase: 'validate' }],
      replace: true,
    },
    { action: 'record', step: 1, status: 'done' },
    { action: 'show' },
    { action: 'list' },
  ],
  consult_specialist: [
    { role: 'architect', question: 'How is rounding done?', files: ['src/ledger.ts'] },
    { action: 'list_threads' },
  ],
  code_search: [{ pattern: 'export function $F($$$A) { $$$B }', language: 'typescript' }],
  review_changes: [{}, { stat_only: true }],
  refactor: [{ pattern: 'console.log($A)', rewrite: 'logger.info($A)', language: 'typescript' }],
  get_codebase_context: [{ include: ['src/**'] }, { compress: true, style: 'markdown' }],
  commit: [{ message: 'docs: fuzz', files: ['README.md'], branch: 'fuzz/commit' }],
  run_task: [{ recipe: 'agent-lint' }, { recipe: 'report', args: ['2026-10'] }],
  validate: [{}],
};
