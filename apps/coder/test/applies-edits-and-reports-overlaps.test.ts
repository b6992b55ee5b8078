import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { applyEdits, unifiedDiff } from '../src/engine/edits.js';
import { cliRewrite, engineRewrite, type RewriteCase } from './support/differential-rewrite.js';

describe('applyEdits', () => {
  it('applies edits given in any order, in document order', () => {
    const result = applyEdits('one two three', [
      { start: 8, end: 13, text: '3' },
      { start: 0, end: 3, text: '1' },
      { start: 4, end: 7, text: '2' },
    ]);
    expect(result.text).toBe('1 2 3');
    expect(result.applied.map((edit) => edit.text)).toEqual(['1', '2', '3']);
    expect(result.overlapping).toEqual([]);
  });

  it('applies edits that touch without overlapping', () => {
    const result = applyEdits('abcdef', [
      { start: 0, end: 3, text: 'X' },
      { start: 3, end: 6, text: 'Y' },
    ]);
    expect(result.text).toBe('XY');
    expect(result.overlapping).toEqual([]);
  });

  it('keeps the outer of nested edits and reports the inner one with the edit it overlaps', () => {
    const outer = { start: 0, end: 11, text: 'OUTER' };
    const inner = { start: 4, end: 10, text: 'INNER' };
    const result = applyEdits('foo(foo(1))!', [inner, outer]);
    expect(result.text).toBe('OUTER!');
    expect(result.applied).toEqual([outer]);
    expect(result.overlapping).toEqual([{ edit: inner, overlaps: outer }]);
  });

  it('keeps the longer of two edits that start together', () => {
    const short = { start: 0, end: 3, text: 'S' };
    const long = { start: 0, end: 5, text: 'L' };
    const result = applyEdits('x.b.b;', [short, long]);
    expect(result.text).toBe('L;');
    expect(result.overlapping).toEqual([{ edit: short, overlaps: long }]);
  });

  it('keeps the earlier of two partly overlapping edits', () => {
    const first = { start: 0, end: 5, text: 'A' };
    const second = { start: 3, end: 8, text: 'B' };
    const result = applyEdits('0123456789', [second, first]);
    expect(result.text).toBe('A56789');
    expect(result.overlapping).toEqual([{ edit: second, overlaps: first }]);
  });

  it('keeps extra fields of the edits it returns', () => {
    const result = applyEdits('ab', [{ start: 0, end: 1, text: 'A', id: 'k:1' }]);
    expect(result.applied[0]?.id).toBe('k:1');
  });

  it('refuses an edit outside the text', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow(RangeError);
    expect(() => applyEdits('abc', [{ start: 2, end: 1, text: '' }])).toThrow(RangeError);
  });
});

describe('overlapping matches are resolved as the CLI does', () => {
  const cases: Record<string, RewriteCase & { overlapping: number }> = {
    'nested calls': {
      lang: 'typescript',
      ext: 'ts',
      source: 'foo(foo(foo(1)), foo(2));\nfoo(3);\n',
      pattern: 'foo($$$A)',
      rewrite: 'g($$$A)',
      overlapping: 3,
    },
    'matches that start at the same offset': {
      lang: 'typescript',
      ext: 'ts',
      source: 'x.b.b;\n',
      pattern: '$A.b',
      rewrite: 'get($A)',
      overlapping: 1,
    },
    'nested python calls over several lines': {
      lang: 'python',
      ext: 'py',
      source: 'def f():\n    wrap(wrap(a,\n              b))\n',
      pattern: 'wrap($$$A)',
      rewrite: 'w(\n    $$$A\n)',
      overlapping: 1,
    },
  };
  for (const [name, testCase] of Object.entries(cases)) {
    it(`${name}: the same file, and every skipped match reported`, async () => {
      const ours = engineRewrite(testCase);
      expect(ours.text).toBe(await cliRewrite(testCase));
      expect(ours.overlapping).toHaveLength(testCase.overlapping);
    });
  }
});

describe('unifiedDiff', () => {
  it('has git-style a/ and b/ headers and applies back to the new text', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nB\nc\nd\ne\nf\ng\nH\n';
    const diff = unifiedDiff('src/x.ts', before, after);
    expect(diff.startsWith('--- a/src/x.ts\n+++ b/src/x.ts\n@@ -1,')).toBe(true);
    expect(diff).toContain('-b\n+B\n');
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('is empty when nothing changed', () => {
    expect(unifiedDiff('x.ts', 'same\n', 'same\n')).toBe('');
  });

  it('marks a missing final newline and round-trips CRLF text', () => {
    const before = 'one\r\ntwo\r\nthree';
    const after = 'one\r\n2\r\nthree';
    const diff = unifiedDiff('x.ts', before, after);
    expect(diff).toContain('\\ No newline at end of file');
    expect(applyPatch(before, diff)).toBe(after);
  });

  it('uses forward slashes in headers for Windows-style paths', () => {
    expect(unifiedDiff('src\\x.ts', 'a\n', 'b\n')).toMatch(/^--- a\/src\/x\.ts\n\+\+\+ b\/src\/x\.ts\n/);
  });
});
