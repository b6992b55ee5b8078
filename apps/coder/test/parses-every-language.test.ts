import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO } from './support/coder.js';

/** A snippet of each language, the root kind its tree starts with, and a node kind it must contain. */
const SNIPPETS = [
  ['javascript', 'const total = items.reduce((a, b) => a + b, 0);\n', 'program', 'arrow_function'],
  [
    'typescript',
    'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
    'program',
    'type_annotation',
  ],
  ['tsx', 'export const App = () => <div className="app">hi</div>;\n', 'program', 'jsx_element'],
  ['html', '<ul><li class="a">one</li></ul>\n', 'document', 'attribute'],
  ['css', '.card > a:hover { color: red; }\n', 'stylesheet', 'rule_set'],
  ['python', 'def greet(name):\n    return f"hi {name}"\n', 'module', 'function_definition'],
  [
    'rust',
    'fn main() {\n    let x: i32 = 1;\n    println!("{}", x);\n}\n',
    'source_file',
    'macro_invocation',
  ],
  ['go', 'package main\n\nfunc main() {\n\tx := 1\n\t_ = x\n}\n', 'source_file', 'short_var_declaration'],
  ['bash', 'for f in *.txt; do\n  echo "$f"\ndone\n', 'program', 'for_statement'],
  ['c', 'int add(int a, int b) { return a + b; }\n', 'translation_unit', 'function_definition'],
  ['cpp', 'namespace m { int f() { return 1; } }\n', 'translation_unit', 'namespace_definition'],
  ['csharp', 'class A { void M() {} }\n', 'compilation_unit', 'method_declaration'],
  ['java', 'class A { void m() {} }\n', 'program', 'method_declaration'],
  ['kotlin', 'fun main() { println(1) }\n', 'source_file', 'function_declaration'],
  ['ruby', 'def greet(name)\n  puts name\nend\n', 'program', 'method'],
  ['php', '<?php function f() { return 1; }\n', 'program', 'function_definition'],
  ['swift', 'func f() -> Int { return 1 }\n', 'source_file', 'function_declaration'],
  ['lua', 'local function f() return 1 end\n', 'chunk', 'function_declaration'],
  ['scala', 'object A { def f = 1 }\n', 'compilation_unit', 'object_definition'],
  ['json', '{"a": [1, 2]}\n', 'document', 'pair'],
  ['yaml', 'a:\n  - 1\n', 'stream', 'block_mapping_pair'],
  ['dart', 'void main() { print(1); }\n', 'program', 'function_signature'],
  ['elixir', 'defmodule A do\n  def f, do: 1\nend\n', 'source', 'call'],
  ['sql', 'SELECT a FROM t;\n', 'program', 'select'],
  ['toml', '[server]\nport = 8080\nhosts = ["a", "b"]\n', 'document', 'table'],
  ['haskell', 'main :: IO ()\nmain = print (1 + 2)\n', 'haskell', 'signature'],
  [
    'nix',
    '{ pkgs ? import <nixpkgs> { } }:\npkgs.mkShell { packages = [ pkgs.nodejs ]; }\n',
    'source_code',
    'function_expression',
  ],
] as const;

describe('dump_syntax_tree parses a snippet of every language', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it.each(SNIPPETS)('parses %s cleanly with root %s', async (language, code, rootKind, innerKind) => {
    const dumped = await dumpTree(session.client, { code, language });
    expect(dumped.language).toBe(language);
    expect(dumped.format).toBe('ast');
    expect(dumped.has_errors).toBe(false);
    expect(dumped.errors).toEqual([]);
    expect(dumped.truncated).toBe(false);
    const lines = dumped.tree.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${rootKind} 1:1-\\d+:\\d+`));
    expect(lines.some((line) => line.trimStart().startsWith(`${innerKind} `))).toBe(true);
    expect(dumped.node_count).toBe(lines.length);
  });

  it('accepts language aliases and any case', async () => {
    expect((await dumpTree(session.client, { code: 'x = 1', language: 'py' })).language).toBe('python');
    expect((await dumpTree(session.client, { code: 'echo hi', language: 'sh' })).language).toBe('bash');
    expect((await dumpTree(session.client, { code: 'let a = 1', language: 'TypeScript' })).language).toBe(
      'typescript',
    );
  });
});
