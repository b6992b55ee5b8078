// The failing-step recogniser, on outputs captured from the real tools run as just recipes
// (test/fixtures/validation-output/), and on just's own failure line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recogniseFailingStep } from '../src/tasks/failing-step.js';

function captured(name: string): string {
  return readFileSync(new URL(`./fixtures/validation-output/${name}.txt`, import.meta.url), 'utf8');
}

/** The justfile the outputs came from, by line: just reports lines of this file. */
const JUSTFILE = [
  'agent-tsc:',
  '    echo checking types',
  '    node_modules/.bin/tsc -p tsconfig.json',
  'agent-biome:',
  '    node_modules/.bin/biome lint lint.js',
  'agent-vitest:',
  '    node_modules/.bin/vitest run --root . sum.test.mjs',
  'agent-unittest:',
  '    python3 -m unittest discover -s tests -q',
  'agent-pytest:',
  '    pytest -q tests',
  'agent-shellcheck:',
  '    shellcheck bad.sh',
  'agent-cargo:',
  '    cd rs && cargo test --offline -q',
];

describe('recogniseFailingStep on real outputs', () => {
  it('tsc: a type check, with the TS errors', () => {
    const step = recogniseFailingStep(captured('tsc'), JUSTFILE);
    expect(step).toMatchObject({
      kind: 'typecheck',
      tool: 'tsc',
      recipe_line: 3,
      command: 'node_modules/.bin/tsc -p tsconfig.json',
    });
    expect(step.summary).toContain(
      "bad.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.",
    );
    expect(step.summary).toContain("error TS2552: Cannot find name 'undefinedName'");
  });

  it('biome: lint, with the rules that fired', () => {
    const step = recogniseFailingStep(captured('biome'), JUSTFILE);
    expect(step).toMatchObject({ kind: 'lint', tool: 'biome', recipe_line: 5 });
    expect(step.summary).toContain('lint.js:2:7 lint/suspicious/noDoubleEquals');
    expect(step.summary).toContain('lint.js:2:15 lint/suspicious/noDebugger');
  });

  it('vitest: a test, with the failing test and assertion', () => {
    const step = recogniseFailingStep(captured('vitest'), JUSTFILE);
    expect(step).toMatchObject({ kind: 'test', tool: 'vitest', recipe_line: 7 });
    expect(step.summary).toContain('FAIL  sum.test.mjs > adds');
    expect(step.summary).toContain('AssertionError: expected 2 to be 3');
  });

  it('python unittest: a test, with the failing test', () => {
    const step = recogniseFailingStep(captured('unittest'), JUSTFILE);
    expect(step).toMatchObject({
      kind: 'test',
      tool: 'unittest',
      recipe_line: 9,
      command: 'python3 -m unittest discover -s tests -q',
    });
    expect(step.summary).toContain('FAIL: test_sum (test_sum.T.test_sum)');
    expect(step.summary).toContain('AssertionError: 2 != 3');
    expect(step.summary).toContain('FAILED (failures=1)');
  });

  it('pytest: a test, with the short summary', () => {
    const step = recogniseFailingStep(captured('pytest'), JUSTFILE);
    expect(step).toMatchObject({ kind: 'test', tool: 'pytest', recipe_line: 11 });
    expect(step.summary).toContain('FAILED tests/test_sum.py::T::test_sum - AssertionError: 2 != 3');
  });

  it('shellcheck: lint', () => {
    const step = recogniseFailingStep(captured('shellcheck'), JUSTFILE);
    expect(step).toMatchObject({
      kind: 'lint',
      tool: 'shellcheck',
      recipe_line: 13,
      command: 'shellcheck bad.sh',
    });
    expect(step.summary).toContain('SC2148');
  });

  it('cargo test: a test, with the panic', () => {
    const step = recogniseFailingStep(captured('cargo'), JUSTFILE);
    expect(step).toMatchObject({ kind: 'test', tool: 'cargo test', recipe_line: 15 });
    expect(step.summary).toContain('tests::adds --- FAILED');
    expect(step.summary).toContain('panicked at src/lib.rs:5:17');
  });
});

describe('recogniseFailingStep from just alone', () => {
  it('names the failing line and command when the output says nothing recognisable', () => {
    const output =
      "python3 -c 'assert False'\nAssertionError\nerror: recipe `check` failed on line 2 with exit code 1";
    const step = recogniseFailingStep(output, ['check:', "    python3 -c 'assert False'"]);
    expect(step).toMatchObject({
      kind: 'unknown',
      tool: null,
      recipe_line: 2,
      command: "python3 -c 'assert False'",
    });
    expect(step.summary).toContain('AssertionError');
  });

  it('falls back on the command to tell the kind', () => {
    const output = 'eslint .\nsomething odd happened\nerror: recipe `lint` failed on line 2 with exit code 2';
    const step = recogniseFailingStep(output, ['lint:', '    eslint .']);
    expect(step).toMatchObject({ kind: 'lint', tool: 'eslint', command: 'eslint .' });
  });

  it("reads older just's capitalised message", () => {
    const output = 'error: Recipe `x` failed on line 4 with exit code 7';
    expect(recogniseFailingStep(output).recipe_line).toBe(4);
  });

  it('ignores a tool failure printed by an earlier, passing command only when just names a later line', () => {
    const output = [
      'FAILED (failures=1)', // an earlier command whose failure the recipe tolerated (`-` prefix)
      'node_modules/.bin/tsc -p tsconfig.json',
      "a.ts(1,1): error TS2304: Cannot find name 'x'.",
      'error: recipe `v` failed on line 3 with exit code 2',
    ].join('\n');
    expect(recogniseFailingStep(output).tool).toBe('tsc');
  });
});
