// ESLint for JS/TS, when the project configures it: `eslint -f json`, run from the directory of the
// nearest config (flat or legacy) with the eslint that project installed. Files the config does not
// cover come back as "File ignored ..." warnings; they are counted, not reported as problems.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  chunks,
  cutMessage,
  fileArg,
  fromReport,
  JS_TS_EXTENSIONS,
  parseJsonOutput,
  tail,
  withExtension,
} from './common.js';
import { ConfigFinder, type ConfigGroupPlan, exists, groupByConfig, planConfigGroups } from './locate.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

const CONFIGS = [
  'eslint.config.js',
  'eslint.config.mjs',
  'eslint.config.cjs',
  'eslint.config.ts',
  'eslint.config.mts',
  'eslint.config.cts',
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintrc.yaml',
  '.eslintrc.yml',
  '.eslintrc.json',
  '.eslintrc',
  'package.json',
];

/** A package.json counts only when it carries an `eslintConfig`. */
async function isConfig(file: string): Promise<boolean> {
  if (path.basename(file) !== 'package.json') return exists(file);
  try {
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    return typeof manifest.eslintConfig === 'object' && manifest.eslintConfig !== null;
  } catch {
    return false;
  }
}

function isFlatConfig(config: string): boolean {
  return path.posix.basename(config).startsWith('eslint.config.');
}

type Plan = ConfigGroupPlan;

interface EslintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  fatal?: boolean;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  fix?: unknown;
  suggestions?: unknown[];
}

interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
}

const IGNORED = /^File ignored\b/;

export const eslint: LinterAdapter<Plan> = {
  name: 'eslint',
  language: 'JS/TS',
  async select(scope) {
    return withExtension(scope.files, JS_TS_EXTENSIONS);
  },
  async prepare(scope, files) {
    const byConfig = await groupByConfig(new ConfigFinder(scope.root, CONFIGS, isConfig), files);
    if (byConfig.size === 0) {
      return {
        status: 'not_configured',
        message: `No ESLint config (eslint.config.*, .eslintrc*) at or above the ${files.length} JS/TS file(s).`,
      };
    }
    return planConfigGroups(scope.root, byConfig, { executable: 'eslint', product: 'ESLint', pkg: 'eslint' });
  },
  async lint(job) {
    const { root } = job.scope;
    const { groups, uninstalled } = job.prepared.plan;
    if (uninstalled > 0)
      job.unchecked(uninstalled, 'under an ESLint config whose project has no eslint installed');
    let ignored = 0;
    for (const group of groups) {
      const cwd = path.join(root, group.dir);
      for (const part of chunks(group.files)) {
        const result = await job.run(
          group.binary,
          ['-f', 'json', ...part.map((file) => fileArg(group.dir, file))],
          {
            cwd,
            // ESLint 8 reads a flat config only when told to, ESLint 9 an .eslintrc only when told to.
            env: { ESLINT_USE_FLAT_CONFIG: isFlatConfig(group.config) ? 'true' : 'false' },
          },
        );
        // 0: no errors, 1: errors found, 2: configuration problem or crash.
        if (result.exitCode !== 0 && result.exitCode !== 1) {
          throw new LinterFailure(
            `eslint (${group.config}) exited with code ${result.exitCode}.`,
            tail(result.stderr || result.stdout),
          );
        }
        let results: EslintResult[];
        try {
          results = parseJsonOutput(result.stdout) as EslintResult[];
          if (!Array.isArray(results)) throw new Error('not an array');
        } catch {
          throw new LinterFailure(
            'eslint printed output that is not its JSON report.',
            tail(result.stderr || result.stdout),
          );
        }
        const diagnostics: Diagnostic[] = [];
        for (const fileResult of results) {
          const file = fromReport(root, cwd, fileResult.filePath);
          if (!file) continue;
          for (const message of fileResult.messages ?? []) {
            if (message.ruleId === null && !message.fatal && IGNORED.test(message.message)) {
              ignored += 1;
              continue;
            }
            diagnostics.push({
              file,
              line: message.line ?? 1,
              column: message.column ?? 1,
              ...(message.endLine !== undefined ? { end_line: message.endLine } : {}),
              ...(message.endColumn !== undefined ? { end_column: message.endColumn } : {}),
              rule: message.ruleId ?? (message.fatal ? 'parse-error' : 'eslint'),
              severity: message.severity === 2 ? 'error' : message.severity === 1 ? 'warning' : 'info',
              message: cutMessage(message.message),
              linter: 'eslint',
              fix_available: Boolean(message.fix) || (message.suggestions?.length ?? 0) > 0,
            });
          }
        }
        job.add(diagnostics);
      }
    }
    if (ignored > 0)
      job.note(`${ignored} file(s) are not covered by the ESLint config (ESLint ignored them).`);
  },
};
