import { readFile, stat } from 'node:fs/promises';
import { resolveInRoot, ToolError } from '@tandem/shared';
import { dumpSyntaxTreeInput, dumpSyntaxTreeOutput } from '@tandem/shared/schemas';
import type { Language } from '../engine/languages.js';
import { dumpTree, toPatternSource } from '../engine/syntax-tree.js';
import { defineCoderTool } from './define.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

export const dumpSyntaxTree = defineCoderTool({
  name: 'dump_syntax_tree',
  title: 'Dump syntax tree',
  description:
    'Syntax tree of code, a file or an ast-grep pattern (format ast, cst or pattern): node kinds, 1-based positions, parse errors.',
  input: dumpSyntaxTreeInput,
  output: dumpSyntaxTreeOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root }) {
    if ((args.code === undefined) === (args.path === undefined)) {
      throw new ToolError('Give exactly one of `code` or `path`.', {
        hint: 'Use `code` with `language` for a snippet or pattern, or `path` for a file inside the root.',
      });
    }
    if (args.format === 'pattern' && args.code === undefined) {
      throw new ToolError('The pattern format reads `code` as a pattern, not a file.', {
        hint: 'Pass the pattern text in `code` with its `language`.',
      });
    }

    let source: string;
    let lang: Language;
    if (args.path !== undefined) {
      const file = resolveInRoot(root, args.path, 'path');
      const info = await stat(file.absolute).catch(() => {
        throw new ToolError(`No file at "${file.relative}".`, {
          hint: 'Give a path relative to the workspace root.',
        });
      });
      if (!info.isFile()) throw new ToolError(`"${file.relative}" is not a file.`);
      if (info.size > MAX_FILE_BYTES) {
        throw new ToolError(
          `"${file.relative}" is ${info.size} bytes, over the ${MAX_FILE_BYTES}-byte limit.`,
          {
            hint: 'Dump a snippet of it with `code` instead.',
          },
        );
      }
      const found = args.language
        ? services.languages.byName(args.language)
        : services.languages.forPath(file.relative);
      if (!found) {
        throw new ToolError(`No language is known for "${file.relative}".`, {
          hint: 'Pass `language` (see list_languages).',
        });
      }
      lang = found;
      source = await readFile(file.absolute, 'utf8');
    } else {
      if (!args.language) {
        throw new ToolError('`language` is required with `code`.', {
          hint: 'See list_languages for the names.',
        });
      }
      lang = services.languages.byName(args.language);
      source = args.code as string;
    }

    const text = args.format === 'pattern' ? toPatternSource(source, lang) : source;
    const parsed = services.languages.ast.parse(lang.napiName, text);
    const dumped = dumpTree(parsed.root(), args.format, lang, args.max_nodes);
    const structured = {
      language: lang.name,
      format: args.format,
      tree: dumped.tree,
      node_count: dumped.nodeCount,
      truncated: dumped.truncated,
      has_errors: dumped.errors.length > 0,
      errors: dumped.errors,
      ...(args.format === 'pattern' ? { metavariables: dumped.metavariables } : {}),
    };
    const summary = dumped.errors.length
      ? `${dumped.errors.length} parse error(s), first at ${dumped.errors[0]?.line}:${dumped.errors[0]?.column}`
      : 'parsed cleanly';
    return {
      structured,
      text: `${lang.name} ${args.format}, ${dumped.nodeCount} nodes, ${summary}\n${dumped.tree}`,
    };
  },
});
