// Input and output schemas of the coder's tools, one file per area. The coder registers its tools
// with these, and the orchestrator's coder client types and checks every delegated call with the
// same objects.
import type { z } from 'zod';
import {
  dumpSyntaxTreeInput,
  dumpSyntaxTreeOutput,
  listLanguagesInput,
  listLanguagesOutput,
} from './languages.js';
import { lintInput, lintOutput } from './lint.js';
import { astRewriteInput, astRewriteOutput } from './rewrite.js';
import { astSearchInput, astSearchOutput, testRuleInput, testRuleOutput } from './search.js';
import { scanSecretsInput, scanSecretsOutput } from './secrets.js';
import { validateSyntaxInput, validateSyntaxOutput } from './validate.js';

export * from './languages.js';
export * from './lint.js';
export * from './rewrite.js';
export * from './search.js';
export * from './secrets.js';
export * from './validate.js';

/** What the orchestrator's coder client needs to know of each coder tool. */
export const coderTools = {
  list_languages: { input: listLanguagesInput, output: listLanguagesOutput, readOnly: true },
  dump_syntax_tree: { input: dumpSyntaxTreeInput, output: dumpSyntaxTreeOutput, readOnly: true },
  test_rule: { input: testRuleInput, output: testRuleOutput, readOnly: true },
  ast_search: { input: astSearchInput, output: astSearchOutput, readOnly: true },
  ast_rewrite: { input: astRewriteInput, output: astRewriteOutput, readOnly: false },
  validate_syntax: { input: validateSyntaxInput, output: validateSyntaxOutput, readOnly: true },
  lint: { input: lintInput, output: lintOutput, readOnly: true },
  scan_secrets: { input: scanSecretsInput, output: scanSecretsOutput, readOnly: true },
} as const;

export type CoderToolName = keyof typeof coderTools;
export type CoderToolInput<N extends CoderToolName> = z.input<(typeof coderTools)[N]['input']>;
export type CoderToolOutput<N extends CoderToolName> = z.output<(typeof coderTools)[N]['output']>;
