// Differential test of ast_search against the `ast-grep` CLI (the reference implementation) on real
// code: three's JavaScript, rxjs's TypeScript and node-gyp's gyp Python, copied to a temporary
// directory. Every pattern and rule runs through `ast-grep run|scan --json=stream` and through the
// built server (all pages), and both must report the same set of match locations. How the CLI
// counts columns, and the two intentional differences, are described in support/match-locations.ts.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstGrep } from './support/ast-grep-cli.js';
import { type CoderSession, connectCoder } from './support/coder.js';
import { CORPORA, type CorpusName, copyCorpora } from './support/corpora.js';
import { cliLocations, difference, searchLocations } from './support/match-locations.js';

interface SearchCase {
  corpus: CorpusName;
  /** What the case exercises. */
  name: string;
  pattern?: string;
  /** Rule file body (rule, constraints, utils); the test adds `id` and `language`. */
  rule?: string;
}

const CASES: SearchCase[] = [
  // three (JavaScript)
  { corpus: 'three', name: 'method call, $$$ arguments', pattern: '$A.set($$$B)' },
  { corpus: 'three', name: 'constructor call', pattern: 'new $C($$$ARGS)' },
  { corpus: 'three', name: 'function with body', pattern: 'function $F($$$P) { $$$B }' },
  { corpus: 'three', name: 'statement pattern', pattern: 'if ($C) return $R;' },
  { corpus: 'three', name: 'repeated metavariable', pattern: '$A = $A || $B' },
  { corpus: 'three', name: 'for loop', pattern: 'for ( let $I = $S; $I < $E; $I ++ ) { $$$B }' },
  { corpus: 'three', name: 'import with string metavariable', pattern: "import { $$$N } from '$M';" },
  { corpus: 'three', name: 'ternary', pattern: '$A ? $B : $C' },
  {
    corpus: 'three',
    name: 'kind + has field + regex',
    rule: 'rule:\n  kind: method_definition\n  has:\n    field: name\n    regex: ^get[A-Z]',
  },
  {
    corpus: 'three',
    name: 'inside, stopBy end',
    rule: 'rule:\n  pattern: return $X;\n  inside:\n    kind: arrow_function\n    stopBy: end',
  },
  {
    corpus: 'three',
    name: 'has, stopBy end',
    rule: 'rule:\n  kind: function_declaration\n  has:\n    pattern: throw $E;\n    stopBy: end',
  },
  {
    corpus: 'three',
    name: 'not inside',
    rule: 'rule:\n  pattern: $A.clone()\n  not:\n    inside:\n      kind: return_statement\n      stopBy: end',
  },
  {
    corpus: 'three',
    name: 'any',
    rule: 'rule:\n  any:\n    - pattern: console.warn($$$)\n    - pattern: console.error($$$)\n    - pattern: console.log($$$)',
  },
  {
    corpus: 'three',
    name: 'all, has field',
    rule: 'rule:\n  all:\n    - kind: new_expression\n    - has:\n        field: constructor\n        regex: ^Vector[234]$',
  },
  {
    corpus: 'three',
    name: 'nthChild number',
    rule: 'rule:\n  kind: identifier\n  nthChild: 2\n  inside:\n    kind: formal_parameters',
  },
  {
    corpus: 'three',
    name: 'nthChild reverse ofRule',
    rule: 'rule:\n  kind: lexical_declaration\n  nthChild:\n    position: 1\n    reverse: true\n    ofRule:\n      kind: lexical_declaration',
  },
  {
    corpus: 'three',
    name: 'pattern object, context + selector',
    rule: 'rule:\n  pattern:\n    context: "class A { get $M() { $$$B } }"\n    selector: method_definition',
  },
  {
    corpus: 'three',
    name: 'constraints',
    rule: 'rule:\n  pattern: $A.$M($$$)\nconstraints:\n  M:\n    regex: ^(add|sub|multiply)Scalar$',
  },
  {
    corpus: 'three',
    name: 'utils + matches',
    rule: 'utils:\n  is-literal:\n    any:\n      - kind: number\n      - kind: string\nrule:\n  kind: call_expression\n  has:\n    field: arguments\n    has:\n      matches: is-literal',
  },
  {
    corpus: 'three',
    name: 'follows',
    rule: 'rule:\n  kind: return_statement\n  follows:\n    kind: expression_statement',
  },
  {
    corpus: 'three',
    name: 'precedes',
    rule: 'rule:\n  kind: lexical_declaration\n  precedes:\n    kind: return_statement',
  },
  {
    corpus: 'three',
    name: 'regex on non-ASCII text',
    rule: 'rule:\n  kind: comment\n  regex: "[π±×≤φ]"',
  },
  {
    corpus: 'three',
    name: 'inside with field, has field',
    rule: 'rule:\n  kind: member_expression\n  has:\n    field: property\n    regex: ^(is|needs)[A-Z]\n  inside:\n    kind: assignment_expression\n    field: left',
  },
  {
    corpus: 'three',
    name: 'metavariable constraint with nthChild reverse',
    rule: 'rule:\n  pattern: $X\n  kind: identifier\n  nthChild:\n    position: 1\n    reverse: true\n  inside:\n    kind: arguments\nconstraints:\n  X:\n    regex: ^target$',
  },

  // rxjs (TypeScript)
  { corpus: 'rxjs', name: 'generic constructor call', pattern: 'new Observable<$T>($$$)' },
  { corpus: 'rxjs', name: 'typed function', pattern: 'export function $F($$$P): $R { $$$B }' },
  { corpus: 'rxjs', name: 'as expression', pattern: '$X as $T' },
  { corpus: 'rxjs', name: 'arrow callback', pattern: 'operate(($S, $D) => { $$$B })' },
  { corpus: 'rxjs', name: 'if/else', pattern: 'if ($C) { $$$B } else { $$$E }' },
  { corpus: 'rxjs', name: 'optional chaining', pattern: '$A?.$B' },
  {
    corpus: 'rxjs',
    name: 'has field, nested has stopBy end',
    rule: 'rule:\n  kind: function_declaration\n  has:\n    field: return_type\n    has:\n      kind: generic_type\n      regex: ^OperatorFunction\n      stopBy: end',
  },
  {
    corpus: 'rxjs',
    name: 'inside stopBy end with has field',
    rule: 'rule:\n  kind: property_signature\n  inside:\n    kind: interface_declaration\n    stopBy: end\n    has:\n      field: name\n      regex: Config$',
  },
  {
    corpus: 'rxjs',
    name: 'pattern object in a class body',
    rule: 'rule:\n  pattern:\n    context: "class A { private $P: $T; }"\n    selector: public_field_definition',
  },
  {
    corpus: 'rxjs',
    name: 'nthChild, not has field',
    rule: 'rule:\n  kind: required_parameter\n  nthChild: 1\n  not:\n    has:\n      field: type\n      kind: type_annotation\n  inside:\n    kind: formal_parameters',
  },
  {
    corpus: 'rxjs',
    name: 'utils + matches + constraints',
    rule: 'utils:\n  subscriber-call:\n    pattern: $S.$M($$$)\nrule:\n  matches: subscriber-call\n  inside:\n    kind: arrow_function\n    stopBy: end\nconstraints:\n  M:\n    regex: ^(next|error|complete)$',
  },
  {
    corpus: 'rxjs',
    name: 'precedes, regex',
    rule: 'rule:\n  kind: comment\n  regex: "^/\\\\*\\\\*"\n  precedes:\n    kind: export_statement',
  },

  // gyp (Python)
  { corpus: 'gyp', name: 'method call', pattern: '$A.append($B)' },
  { corpus: 'gyp', name: 'multi-line if', pattern: 'if $C:\n    return $R' },
  { corpus: 'gyp', name: 'multi-line for', pattern: 'for $I in $L:\n    $$$B' },
  { corpus: 'gyp', name: 'try/except', pattern: 'try:\n    $$$A\nexcept $E:\n    $$$B' },
  { corpus: 'gyp', name: 'with statement', pattern: 'with open($$$A) as $F:\n    $$$B' },
  { corpus: 'gyp', name: 'subscript assignment', pattern: '$D[$K] = $V' },
  { corpus: 'gyp', name: 'comprehension', pattern: '[$X for $Y in $Z]' },
  {
    corpus: 'gyp',
    name: 'has field regex, inside stopBy end',
    rule: 'rule:\n  kind: function_definition\n  has:\n    field: name\n    regex: ^_\n  inside:\n    kind: class_definition\n    stopBy: end',
  },
  {
    corpus: 'gyp',
    name: 'inside any',
    rule: 'rule:\n  pattern: $A.append($B)\n  inside:\n    any:\n      - kind: for_statement\n      - kind: while_statement\n    stopBy: end',
  },
  {
    corpus: 'gyp',
    name: 'not regex, has stopBy end',
    rule: 'rule:\n  kind: string\n  not:\n    regex: "^[rbuf]*\'"\n  has:\n    kind: interpolation\n    stopBy: end',
  },
  {
    corpus: 'gyp',
    name: 'follows stopBy end',
    rule: 'rule:\n  kind: expression_statement\n  follows:\n    kind: expression_statement\n    has:\n      kind: assignment\n    stopBy: end\n  has:\n    kind: call\n    has:\n      field: function\n      regex: ^print$',
  },
  {
    corpus: 'gyp',
    name: 'utils with pattern, all, nthChild, constraints',
    rule: 'utils:\n  os-call:\n    kind: call\n    has:\n      field: function\n      pattern: os.path.$F\nrule:\n  all:\n    - matches: os-call\n    - has:\n        field: arguments\n        has:\n          kind: string\n          nthChild: 1\nconstraints:\n  F:\n    regex: ^(join|exists)$',
  },
  {
    corpus: 'gyp',
    name: 'pattern object selecting a parameter',
    rule: 'rule:\n  pattern:\n    context: "def f($A=$B): pass"\n    selector: default_parameter',
  },
  {
    corpus: 'gyp',
    name: 'nthChild formula ofRule',
    rule: 'rule:\n  kind: default_parameter\n  nthChild:\n    position: 2n+1\n    ofRule:\n      kind: default_parameter',
  },
];

let root: string;
let removeCorpora: () => Promise<void>;
let session: CoderSession;

beforeAll(async () => {
  ({ root, remove: removeCorpora } = await copyCorpora());
  session = await connectCoder(root);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await removeCorpora?.();
});

function cliArgs(testCase: SearchCase, lang: string): string[] {
  if (testCase.pattern !== undefined) {
    return ['run', '--pattern', testCase.pattern, '--lang', lang, '--json=stream', testCase.corpus];
  }
  return ['scan', '--inline-rules', ruleFile(testCase, lang), '--json=stream', testCase.corpus];
}

function ruleFile(testCase: SearchCase, lang: string): string {
  return `id: differential\nlanguage: ${lang}\n${testCase.rule}`;
}

describe('ast_search finds what the ast-grep CLI finds in real code', () => {
  for (const testCase of CASES) {
    it(`${testCase.corpus}: ${testCase.name}: ${JSON.stringify(testCase.pattern ?? testCase.rule)}`, async () => {
      const { lang } = CORPORA[testCase.corpus];
      const [cli, ours] = await Promise.all([
        runAstGrep(cliArgs(testCase, lang), { cwd: root }),
        searchLocations(session.client, {
          ...(testCase.pattern !== undefined
            ? { pattern: testCase.pattern, language: lang }
            : { rule: ruleFile(testCase, lang) }),
          paths: [testCase.corpus],
        }),
      ]);
      const theirs = cliLocations(cli.stdout, root);
      expect(theirs.unexplained, 'CLI positions not counted as documented').toEqual([]);
      expect(theirs.keys.length, 'the case must match something').toBeGreaterThan(0);
      expect(difference(ours.keys, theirs.keys)).toEqual({ onlyOurs: [], onlyCli: [] });
      expect(ours.keys).toEqual(theirs.keys);
      expect(ours.total).toBe(ours.keys.length);
    }, 60_000);
  }
});

describe('columns: where our counting intentionally differs from the CLI', () => {
  it('counts UTF-16 units where the CLI counts characters, and leaves the BOM out', async () => {
    // Not from a corpus: no corpus file has a character outside the BMP. three's
    // renderers/webgl/WebGLBindingStates.js has the BOM; this file repeats it next to an emoji.
    await writeFile(
      path.join(root, 'unicode.js'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('foo(1); const s = "é"; foo(2);\nconst t = "😀"; foo(3);\n'),
      ]),
    );
    const [cli, ours] = await Promise.all([
      runAstGrep(['run', '--pattern', 'foo($A)', '--lang', 'javascript', '--json=stream', 'unicode.js'], {
        cwd: root,
      }),
      searchLocations(session.client, { pattern: 'foo($A)', language: 'javascript', paths: ['unicode.js'] }),
    ]);
    const raw = cli.stdout
      .trim()
      .split('\n')
      .map((line) => {
        const { range } = JSON.parse(line) as { range: { start: { line: number; column: number } } };
        return `${range.start.line + 1}:${range.start.column + 1}`;
      });
    // The CLI: the BOM counted on line 1 (foo(1) at 2, not 1), the emoji as one character.
    expect(raw).toEqual(['1:2', '1:25', '2:16']);
    // Ours: the BOM left out, é one unit like the CLI's one character (not its two bytes), the emoji
    // two UTF-16 units (a surrogate pair).
    expect(ours.keys).toEqual(['unicode.js:1:1-1:7', 'unicode.js:1:24-1:30', 'unicode.js:2:17-2:23']);
    // And the conversion the corpus cases use turns the CLI's byte offsets into exactly ours.
    expect(cliLocations(cli.stdout, root)).toEqual({ keys: ours.keys, unexplained: [] });
  });
});
