import { describe, expect, it } from 'vitest';
import { argumentShape } from '../src/governance/audit.js';

describe('argumentShape', () => {
  it('gives strings as their length and other primitives as their type', () => {
    expect(argumentShape('hello')).toBe('string(5)');
    expect(argumentShape('')).toBe('string(0)');
    expect(argumentShape(42)).toBe('number');
    expect(argumentShape(true)).toBe('boolean');
    expect(argumentShape(null)).toBe('null');
    expect(argumentShape(undefined)).toBe('undefined');
  });

  it('keeps the keys of nested objects and shapes their values', () => {
    expect(argumentShape({ path: 'src/a.ts', options: { limit: 10, glob: '*.ts', strict: false } })).toEqual({
      path: 'string(8)',
      options: { limit: 'number', glob: 'string(4)', strict: 'boolean' },
    });
  });

  it('shapes an array by its first item and its length', () => {
    expect(argumentShape({ paths: ['a.ts', 'bb.ts', 'ccc.ts'] })).toEqual({
      paths: ['string(4)', '…3 items'],
    });
    expect(argumentShape({ edits: [{ line: 1, text: 'x' }] })).toEqual({
      edits: [{ line: 'number', text: 'string(1)' }, '…1 items'],
    });
    expect(argumentShape({ none: [] })).toEqual({ none: 'array(0)' });
  });

  it('stops descending at depth 4', () => {
    const deep = { a: { b: { c: { d: { e: { f: 'secret' } } } } } };
    expect(argumentShape(deep)).toEqual({ a: { b: { c: { d: 'object' } } } });
    const deepArray = { a: { b: { c: { d: ['x', 'y'] } } } };
    expect(argumentShape(deepArray)).toEqual({ a: { b: { c: { d: 'array(2)' } } } });
  });

  it('keeps at most 40 keys and says how many more there were', () => {
    const wide = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, i]));
    const shape = argumentShape(wide) as Record<string, unknown>;
    expect(Object.keys(shape)).toHaveLength(41);
    expect(shape.k39).toBe('number');
    expect(shape.k40).toBeUndefined();
    expect(shape['…']).toBe('5 more keys');
  });

  it('cuts keys to 64 characters', () => {
    const shape = argumentShape({ ['k'.repeat(100)]: 1 }) as Record<string, unknown>;
    expect(Object.keys(shape)).toEqual(['k'.repeat(64)]);
  });

  it('never contains a value', () => {
    const secret = 'ghp_SuperSecretTokenValue123';
    const shape = argumentShape({ token: secret, list: [secret], nested: { again: secret }, n: 31337 });
    const text = JSON.stringify(shape);
    expect(text).not.toContain(secret);
    expect(text).not.toContain('31337');
  });
});
