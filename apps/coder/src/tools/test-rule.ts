import { ToolError } from '@tandem/shared';
import { testRuleInput, testRuleOutput } from '@tandem/shared/schemas';
import { noMatchHints } from '../engine/hints.js';
import { presentMatch, snippet } from '../engine/present.js';
import { compileQuery } from '../engine/query.js';
import { dumpTree } from '../engine/syntax-tree.js';
import { defineCoderTool } from './define.js';

const MAX_SHOWN = 50;

export const testRule = defineCoderTool({
  name: 'test_rule',
  title: 'Test a pattern or rule',
  description:
    'Try an ast-grep pattern or rule on a code snippet: matches with captures, or hints on why nothing matched.',
  input: testRuleInput,
  output: testRuleOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services }) {
    const lang = services.languages.byName(args.language);
    const query = compileQuery(args, services.languages);
    if (query.pinned && query.pinned.name !== lang.name) {
      throw new ToolError(`The rule says language "${query.pinned.name}" but the call says "${lang.name}".`);
    }
    const config = query.forLanguage(lang);
    if (!config) {
      throw new ToolError(`Invalid ${lang.name} query: ${query.problemIn(lang)}`, {
        hint: 'Check the rule against https://ast-grep.github.io/reference/rule.html.',
      });
    }
    const root = services.languages.ast.parse(lang.napiName, args.code);
    const nodes = root.root().findAll(config);
    const codeErrors = dumpTree(root.root(), 'cst', lang, 1).errors;
    const matches = nodes
      .slice(0, MAX_SHOWN)
      .map((node) => presentMatch(node, query.metavariables, args.code));
    const hints =
      nodes.length === 0
        ? noMatchHints({
            query,
            registry: services.languages,
            parsed: [{ relative: '<code>', file: { root, text: args.code, lang } }],
            languages: [lang],
          })
        : [];
    if (codeErrors.length > 0) {
      const first = codeErrors[0] as (typeof codeErrors)[number];
      hints.push(
        `The code itself does not parse cleanly as ${lang.name} (${first.kind} at ${first.line}:${first.column}); nodes around the error may not match.`,
      );
    }
    const lines = [
      nodes.length === 0
        ? 'No match.'
        : `${nodes.length} match(es)${nodes.length > MAX_SHOWN ? `, first ${MAX_SHOWN} shown` : ''}.`,
      ...matches.map(
        (m) =>
          `${m.line}:${m.column}: ${snippet(m.text)}${m.captures ? `  ${JSON.stringify(m.captures)}` : ''}`,
      ),
      ...hints,
    ];
    return {
      structured: {
        outcome: nodes.length > 0 ? ('matches' as const) : ('no_matches' as const),
        matches,
        total_matches: nodes.length,
        code_errors: codeErrors,
        hints,
      },
      text: lines.join('\n'),
    };
  },
});
