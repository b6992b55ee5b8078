import { ToolError } from '@tandem/shared';
import { validateSyntaxInput, validateSyntaxOutput } from '@tandem/shared/schemas';
import { walkFiles } from '../engine/files.js';
import { emptySkips, targetsOf } from '../engine/search.js';
import { syntaxProblems } from '../engine/syntax-errors.js';
import { defineCoderTool } from './define.js';
import { scopeSummary } from './scope.js';

const ERRORS_PER_FILE = 20;

export const validateSyntax = defineCoderTool({
  name: 'validate_syntax',
  title: 'Validate syntax',
  description:
    'Parse files (or code) and report ERROR and MISSING nodes with 1-based positions and the source line.',
  input: validateSyntaxInput,
  output: validateSyntaxOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root, signal, progress }) {
    if (args.code !== undefined) {
      if (args.paths || args.globs) {
        throw new ToolError('Give `code` or `paths`/`globs`, not both.');
      }
      if (!args.language)
        throw new ToolError('`language` is required with `code`.', { hint: 'See list_languages.' });
      const lang = services.languages.byName(args.language);
      const parsed = services.languages.ast.parse(lang.napiName, args.code);
      const problems = syntaxProblems(parsed.root(), args.code);
      const structured = {
        valid: problems.length === 0,
        files: problems.length
          ? [
              {
                file: '<code>',
                language: lang.name,
                error_count: problems.length,
                errors: problems.slice(0, ERRORS_PER_FILE),
              },
            ]
          : [],
        files_checked: 1,
        files_with_errors: problems.length ? 1 : 0,
        total_errors: problems.length,
        files_skipped: emptySkips(),
        files_without_language: 0,
        truncated: false,
      };
      const text = problems.length
        ? [
            `${problems.length} syntax error(s) in the ${lang.name} code:`,
            ...problems.slice(0, ERRORS_PER_FILE).map((p) => `${p.line}:${p.column} ${p.kind}: ${p.snippet}`),
          ].join('\n')
        : `The ${lang.name} code parses cleanly.`;
      return { structured, text };
    }

    const only = args.language ? services.languages.byName(args.language) : undefined;
    const walked = await walkFiles({
      root,
      paths: args.paths,
      globs: args.globs,
      includeIgnored: args.include_ignored,
      includeHidden: args.include_hidden,
      signal,
    });
    const { targets: all, unknownLanguage } = targetsOf(root, walked.files, services.languages);
    const targets = only ? all.filter((t) => t.lang.name === only.name) : all;
    const skipped = emptySkips();
    const files: Array<{
      file: string;
      language: string;
      error_count: number;
      errors: ReturnType<typeof syntaxProblems>;
    }> = [];
    let checked = 0;
    let withErrors = 0;
    let totalErrors = 0;
    for (const [index, target] of targets.entries()) {
      signal.throwIfAborted();
      if (index % 200 === 199)
        void progress(index + 1, targets.length, `${index + 1}/${targets.length} files`);
      const loaded = await services.trees.load(target.absolute, target.lang);
      if ('skipped' in loaded) {
        skipped[loaded.skipped] += 1;
        continue;
      }
      checked += 1;
      const problems = syntaxProblems(loaded.file.root.root(), loaded.file.text);
      if (problems.length === 0) continue;
      withErrors += 1;
      totalErrors += problems.length;
      if (files.length < args.limit) {
        files.push({
          file: target.relative,
          language: target.lang.name,
          error_count: problems.length,
          errors: problems.slice(0, ERRORS_PER_FILE),
        });
      }
    }
    const structured = {
      valid: withErrors === 0 && checked > 0,
      files,
      files_checked: checked,
      files_with_errors: withErrors,
      total_errors: totalErrors,
      files_skipped: skipped,
      files_without_language: unknownLanguage,
      truncated: withErrors > files.length,
    };
    const lines: string[] = [];
    if (checked === 0) {
      lines.push(`No file checked: ${scopeSummary(walked, all.length, unknownLanguage)}`);
    } else if (withErrors === 0) {
      lines.push(`${checked} file(s) parse cleanly.`);
    } else {
      lines.push(`${totalErrors} syntax error(s) in ${withErrors} of ${checked} file(s):`);
      for (const file of files) {
        for (const problem of file.errors) {
          lines.push(`${file.file}:${problem.line}:${problem.column} ${problem.kind}: ${problem.snippet}`);
        }
        if (file.error_count > file.errors.length)
          lines.push(`${file.file}: … ${file.error_count - file.errors.length} more`);
      }
      if (structured.truncated)
        lines.push(`… ${withErrors - files.length} more file(s) with errors; narrow paths or raise limit.`);
    }
    const skippedCount = Object.values(skipped).reduce((a, b) => a + b, 0);
    if (skippedCount)
      lines.push(`${skippedCount} file(s) skipped (binary, non-UTF-8, too large or unreadable).`);
    return { structured, text: lines.join('\n') };
  },
});
