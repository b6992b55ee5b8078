// The symbol table is data about grammars the orchestrator never parses: every rule is run by the
// real coder on a snippet per language, so a kind or field name that does not exist fails here.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '@tandem/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoderClient } from '../src/coder-client/coder-client.js';
import { SYMBOL_RULES } from '../src/search/symbol-rules.js';
import { coderMain } from './support/paths.js';

const SAMPLES: Record<string, { code: string; expected: string[] }> = {
  typescript: {
    code: `export function f() {}
function* gen() {}
const g = (x: number) => x;
let h = function () {};
class A { m() {} s = () => 1; static t = 2 }
abstract class Q {}
interface I { x(): void }
enum E { A }
namespace N {}`,
    expected: [
      'function f',
      'function gen',
      'function g',
      'function h',
      'class A',
      'method m',
      'method s',
      'class Q',
      'interface I',
      'enum E',
      'module N',
    ],
  },
  tsx: {
    code: 'export const C = () => <div/>;\nfunction D() { return <p/> }\nclass K { render() { return null } }',
    expected: ['function C', 'function D', 'class K', 'method render'],
  },
  javascript: {
    code: 'function f() {}\nconst g = () => 1;\nclass A { m() {} p = () => 2 }',
    expected: ['function f', 'function g', 'class A', 'method m', 'method p'],
  },
  python: {
    code: 'class A:\n    @property\n    def m(self):\n        def inner():\n            pass\n        return 1\n    async def n(self):\n        pass\n\n@dec\ndef f():\n    pass\n',
    expected: ['class A', 'method m', 'function inner', 'method n', 'function f'],
  },
  go: {
    code: 'package p\nfunc F() {}\nfunc (r *T) M() {}\ntype T struct{}\ntype I interface{ X() }\ntype N int\n',
    expected: ['function F', 'method M', 'struct T', 'interface I', 'type N'],
  },
  rust: {
    code: 'fn f() {}\nstruct S;\nimpl S { fn m(&self) {} }\ntrait Tr { fn d() {} }\nenum E { A }\nmod md {}\n',
    expected: ['function f', 'struct S', 'impl S', 'method m', 'trait Tr', 'method d', 'enum E', 'module md'],
  },
  java: {
    code: 'class A { A() {} void m() {} }\ninterface I {}\nenum E { X }\nrecord R(int x) {}\n',
    expected: ['class A', 'method A', 'method m', 'interface I', 'enum E', 'class R'],
  },
  csharp: {
    code: 'namespace Ns { class A { A() {} void M() {} } struct S {} interface I {} enum E { X } }',
    expected: ['module Ns', 'class A', 'method A', 'method M', 'struct S', 'interface I', 'enum E'],
  },
  php: {
    code: '<?php\nfunction f() {}\nclass A { function m() {} }\ninterface I {}\ntrait T {}\n',
    expected: ['function f', 'class A', 'method m', 'interface I', 'trait T'],
  },
  ruby: {
    code: 'module M\n  class A\n    def m; end\n    def self.s; end\n  end\nend\n',
    expected: ['module M', 'class A', 'method m', 'method s'],
  },
  c: {
    code: 'struct S { int x; };\nint f(struct S *s) { return 0; }\nchar *g(void) { return 0; }\n',
    expected: ['struct S', 'function f', 'function g'],
  },
  cpp: {
    code: 'namespace n { class A { int x; }; struct B { int y; }; }\nint f() { return 0; }\n',
    expected: ['module n', 'class A', 'struct B', 'function f'],
  },
};

let root: string;
let coder: CoderClient;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-symbol-rules-'));
  coder = new CoderClient({
    root,
    entry: coderMain,
    logger: createLogger('symbol-rules-test', 'error'),
    clientVersion: '0.0.0-test',
    pingIntervalMs: 0,
  });
});

afterAll(async () => {
  await coder.close();
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

describe('symbol rules', () => {
  it('cover exactly the languages sampled here', () => {
    expect(Object.keys(SYMBOL_RULES).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [language, { code, expected }] of Object.entries(SAMPLES)) {
    it(`find every symbol of a ${language} sample, with its name`, async () => {
      const found = new Map<string, string>();
      for (const { kind, rule } of SYMBOL_RULES[language] ?? []) {
        const result = await coder.call('test_rule', { code, language, rule: JSON.stringify(rule) });
        expect(result.code_errors).toEqual([]);
        for (const match of result.matches) {
          const key = `${match.line}:${match.column}-${match.end_line}:${match.end_column}`;
          // Earlier rules win, as in the search.
          if (!found.has(key)) found.set(key, `${kind} ${match.captures?.$NAME ?? '?'}`);
        }
      }
      expect([...found.values()].sort()).toEqual([...expected].sort());
    });
  }
});
