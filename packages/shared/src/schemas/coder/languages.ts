// Schemas of list_languages and dump_syntax_tree.
import { z } from 'zod';

export const listLanguagesInput = z.object({});

export const languageInfo = z.object({
  name: z.string().describe('Language name as accepted by the `language` arguments'),
  extensions: z.array(z.string()),
  source: z
    .string()
    .describe(
      '"built-in", the package the grammar comes from, "built from <package>@<version>", or ".tandem/config.yaml"',
    ),
  loaded: z.boolean(),
  error: z.string().optional().describe('Why the language could not be loaded'),
  expando_char: z
    .string()
    .optional()
    .describe('Stands in for `$` when patterns are parsed, where the grammar cannot read `$`'),
  meta_var_char: z.string().optional().describe('Starts a metavariable, when it is not `$`'),
  library_path: z.string().optional().describe('The grammar library loaded for a dynamic language'),
  overrides: z.string().optional().describe('What a .tandem/config.yaml language took over'),
});

export const listLanguagesOutput = z.object({
  languages: z.array(languageInfo),
  config_error: z
    .string()
    .optional()
    .describe('Why .tandem/config.yaml could not be used (its languages are missing from the list)'),
});

export const syntaxTreeFormat = z.enum(['cst', 'ast', 'pattern']);

export const dumpSyntaxTreeInput = z.object({
  code: z.string().max(200_000).optional().describe('Source text or pattern to parse (or give `path`)'),
  path: z.string().optional().describe('File inside the root to parse (or give `code`)'),
  language: z.string().optional().describe('Language name; inferred from the extension of `path`'),
  format: syntaxTreeFormat
    .default('ast')
    .describe(
      'ast: named nodes; cst: every node with its text; pattern: how `code` reads as an ast-grep pattern',
    ),
  max_nodes: z.number().int().min(1).max(5000).default(400).describe('Nodes printed before the tree is cut'),
});

export const dumpSyntaxTreeOutput = z.object({
  language: z.string(),
  format: syntaxTreeFormat,
  tree: z.string().describe('One node per line, indented; positions are 1-based line:column'),
  node_count: z.number().int(),
  truncated: z.boolean(),
  has_errors: z.boolean().describe('The text did not parse cleanly: look for ERROR or MISSING nodes'),
  errors: z.array(z.object({ line: z.number().int(), column: z.number().int(), kind: z.string() })),
  metavariables: z.array(z.string()).optional().describe('Pattern format: the metavariables found'),
});
