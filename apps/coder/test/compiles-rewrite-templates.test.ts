// Unit checks of the template parts the differential tests exercise only as a whole.
import { describe, expect, it } from 'vitest';
import { LanguageRegistry } from '../src/engine/languages.js';
import { compileTemplate, indentAt, renderReplacement } from '../src/engine/rewrite-template.js';

const registry = new LanguageRegistry();

describe('compileTemplate', () => {
  it('splits a template into fragments and metavariables with their indentation', () => {
    const template = compileTemplate('f($A,\n    $$$B, $$C) $ $1 $$$');
    expect(template.fragments).toEqual(['f(', ',\n    ', ', ', ') $ $1 $$$']);
    expect(template.vars).toEqual([
      { kind: 'single', name: 'A', indent: 0 },
      { kind: 'multiple', name: 'B', indent: 4 },
      { kind: 'single', name: 'C', indent: 4 },
    ]);
  });

  it('reads transform names as transformed, except in the $$$ form', () => {
    const template = compileTemplate('$T $$$T $U', { transformNames: ['T'] });
    expect(template.vars.map((v) => v.kind)).toEqual(['transformed', 'multiple', 'single']);
  });

  it('turns the template line breaks into CRLF when asked', () => {
    expect(compileTemplate('a\nb\r\nc', { eol: '\r\n' }).fragments).toEqual(['a\r\nb\r\nc']);
  });
});

describe('indentAt', () => {
  it('counts the spaces that start the line', () => {
    expect(indentAt('x\n    foo', 8)).toBe(4);
    expect(indentAt('    foo', 4)).toBe(4);
    expect(indentAt('\r\n  foo', 4)).toBe(2);
  });

  it('counts only spaces before any other character of the line', () => {
    expect(indentAt('\n\t  foo', 4)).toBe(0); // a tab ends the indentation
    expect(indentAt('\n  a foo', 5)).toBe(2); // the line's indentation, not the spaces before the offset
  });

  it('gives up beyond 512 UTF-8 bytes, as the CLI does', () => {
    expect(indentAt(`\n  ${'a'.repeat(509)}`, 512)).toBe(2); // the line break is the 512th byte back
    expect(indentAt(`\n  ${'a'.repeat(510)}`, 513)).toBe(0); // ... and here the 513th
    expect(indentAt(`\n${' '.repeat(511)}`, 512)).toBe(511);
    expect(indentAt(`\n${' '.repeat(512)}`, 513)).toBe(0);
    // 170 three-byte characters are 510 bytes; two spaces make 512, the line break lies beyond.
    expect(indentAt(`\n  ${'漢'.repeat(170)}`, 173)).toBe(0);
  });
});

describe('renderReplacement', () => {
  it('substitutes by UTF-16 offsets in text with emoji and CJK', () => {
    const ts = registry.byName('typescript');
    const source = 'const s = "😀漢字"; foo("ü😀", 漢);\n';
    const match = registry.ast.parse(ts.napiName, source).root().find('foo($A, $B)');
    if (!match) throw new Error('no match');
    expect(renderReplacement(match, 'bar($B, $A)', source)).toBe('bar(漢, "ü😀")');
  });
});
