// Property-based fuzzing of every coder tool over stdio, against the built server on a temp copy of
// the sample repo: arbitrary JSON and schema-shaped adversarial arguments. No call crashes the
// server or hangs, every failure is an isError result with a message (non-object arguments: the
// SDK's InvalidParams error), every success matches the tool's output schema.
import { coderTools } from '@tandem/shared/schemas';
import { expect } from 'vitest';
import { fuzzEveryTool } from '../support/fuzz-suite.js';
import { coderMain } from '../support/paths.js';
import { scaled } from '../support/reliability.js';

fuzzEveryTool({
  name: 'survives-fuzzed-arguments-on-every-coder-tool',
  title: 'Fuzzed arguments on every coder tool',
  main: coderMain,
  // By cost: lint runs real linters; parsing and scanning the rest is in process.
  runs: {
    list_languages: scaled(1500, 5000),
    dump_syntax_tree: scaled(600, 9000),
    test_rule: scaled(1000, 9000),
    ast_search: scaled(600, 6000),
    ast_rewrite: scaled(150, 3000),
    validate_syntax: scaled(700, 7000),
    lint: scaled(20, 300),
    scan_secrets: scaled(80, 2000),
  },
  outputs: Object.fromEntries(Object.entries(coderTools).map(([name, tool]) => [name, tool.output])),
  ceilingMs: () => 60_000,
  writers: ['ast_rewrite'],
  finalCheck: async (server) => {
    const languages = await server.client.callTool({ name: 'list_languages', arguments: {} });
    expect(languages.isError).toBeFalsy();
  },
});
