// Runs one rewrite twice, through the `ast-grep` CLI on a temporary file and through our engine
// (napi matching + rewrite-template + edits), so a test can assert byte-identical results.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NapiConfig, SgNode } from '@ast-grep/napi';
import { applyEdits, type Overlap, type TextEdit } from '../../src/engine/edits.js';
import { LanguageRegistry } from '../../src/engine/languages.js';
import { compileTemplate, renderTemplate, type TemplateOptions } from '../../src/engine/rewrite-template.js';
import { runAstGrep } from './ast-grep-cli.js';

export interface RewriteCase {
  /** Our language name (also the CLI's `--lang`). */
  lang: string;
  /** Extension of the temporary file the CLI rewrites. */
  ext: string;
  source: string;
  rewrite: string;
  pattern?: string;
  /** A rule config (rule, constraints, transform), given to the CLI as an inline rule with `fix`. */
  config?: Omit<NapiConfig, 'language'>;
}

const registry = new LanguageRegistry();

/** The file the CLI leaves after `--update-all` (unchanged when nothing matched). */
export async function cliRewrite(testCase: RewriteCase): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-sg-'));
  try {
    const file = path.join(dir, `case.${testCase.ext}`);
    await writeFile(file, testCase.source);
    if (testCase.config) {
      // YAML is a superset of JSON, so the rule travels as JSON.
      const rule = { id: 'case', language: testCase.lang, ...testCase.config, fix: testCase.rewrite };
      await runAstGrep(['scan', '--inline-rules', JSON.stringify(rule), '--update-all', file], { cwd: dir });
    } else {
      if (testCase.pattern === undefined) throw new Error('a case needs a pattern or a config');
      await runAstGrep(
        [
          'run',
          '--pattern',
          testCase.pattern,
          '--rewrite',
          testCase.rewrite,
          '--lang',
          testCase.lang,
          '--update-all',
          file,
        ],
        { cwd: dir },
      );
    }
    return await readFile(file, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  }
}

export interface EngineRewrite {
  text: string;
  edits: TextEdit[];
  overlapping: Overlap<TextEdit>[];
}

/** Our engine's result for the same case. */
export function engineRewrite(
  testCase: RewriteCase,
  options: Pick<TemplateOptions, 'eol'> = {},
): EngineRewrite {
  const lang = registry.byName(testCase.lang);
  const root = registry.ast.parse(lang.napiName, testCase.source).root();
  const matcher = testCase.config ?? testCase.pattern;
  if (matcher === undefined) throw new Error('a case needs a pattern or a config');
  const matches: SgNode[] = root.findAll(matcher);
  const template = compileTemplate(testCase.rewrite, {
    ...options,
    transformNames: Object.keys((testCase.config?.transform as Record<string, unknown> | undefined) ?? {}),
  });
  const edits = matches.map((match) => {
    const { start, end } = match.range();
    return { start: start.index, end: end.index, text: renderTemplate(template, match, testCase.source) };
  });
  const result = applyEdits(testCase.source, edits);
  return { text: result.text, edits, overlapping: result.overlapping };
}
