// Biome for JS/TS, when the project configures it: `biome lint --reporter=json`, run from the
// directory of the nearest biome.json(c) with the biome that project installed. Biome's JSON report
// gives UTF-8 byte spans, turned here into 1-based lines and columns (UTF-16 units, as tsc and ESLint
// count). Its JSON reporter is marked unstable, so every field is checked before use.
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
import { ConfigFinder, type ConfigGroupPlan, groupByConfig, planConfigGroups } from './locate.js';
import { type LineIndex, lineIndex } from './positions.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

const CONFIGS = ['biome.json', 'biome.jsonc', '.biome.json', '.biome.jsonc'];

interface BiomeDiagnostic {
  category?: string;
  severity?: string;
  description?: string;
  location?: { path?: { file?: string } | null; span?: [number, number] | null; sourceCode?: string | null };
  tags?: string[];
}

function severityOf(severity: string | undefined): Diagnostic['severity'] {
  if (severity === 'error' || severity === 'fatal') return 'error';
  if (severity === 'warning') return 'warning';
  return 'info';
}

type Plan = ConfigGroupPlan;

export const biome: LinterAdapter<Plan> = {
  name: 'biome',
  language: 'JS/TS',
  async select(scope) {
    return withExtension(scope.files, JS_TS_EXTENSIONS);
  },
  async prepare(scope, files) {
    const byConfig = await groupByConfig(new ConfigFinder(scope.root, CONFIGS), files);
    if (byConfig.size === 0) {
      return {
        status: 'not_configured',
        message: `No biome.json or biome.jsonc at or above the ${files.length} JS/TS file(s).`,
      };
    }
    return planConfigGroups(scope.root, byConfig, {
      executable: 'biome',
      product: 'Biome',
      pkg: '@biomejs/biome',
    });
  },
  async lint(job) {
    const { root } = job.scope;
    const { groups, uninstalled } = job.prepared.plan;
    if (uninstalled > 0) {
      job.unchecked(uninstalled, 'under a Biome config whose project has no biome installed');
    }
    for (const group of groups) {
      const cwd = path.join(root, group.dir);
      for (const part of chunks(group.files)) {
        const result = await job.run(
          group.binary,
          [
            'lint',
            '--reporter=json',
            '--colors=off',
            '--no-errors-on-unmatched',
            ...part.map((file) => fileArg(group.dir, file)),
          ],
          { cwd },
        );
        let report: { diagnostics?: BiomeDiagnostic[] };
        try {
          report = parseJsonOutput(result.stdout) as { diagnostics?: BiomeDiagnostic[] };
          if (!Array.isArray(report.diagnostics)) throw new Error('no diagnostics');
        } catch {
          throw new LinterFailure(
            `biome (${group.config}) exited with code ${result.exitCode} without its JSON report.`,
            tail(result.stderr || result.stdout),
          );
        }
        job.add(await toDiagnostics(root, cwd, report.diagnostics, job.note));
      }
    }
  },
};

async function toDiagnostics(
  root: string,
  cwd: string,
  reported: readonly BiomeDiagnostic[],
  note: (message: string) => void,
): Promise<Diagnostic[]> {
  const indexes = new Map<string, LineIndex | null>();
  const indexFor = async (file: string, source: string | null | undefined) => {
    let index = indexes.get(file);
    if (index === undefined) {
      const text = source ?? (await readFile(path.join(root, file), 'utf8').catch(() => undefined));
      index = text === undefined ? null : lineIndex(text);
      indexes.set(file, index);
    }
    return index;
  };
  const diagnostics: Diagnostic[] = [];
  for (const item of reported) {
    const rule = item.category ?? 'biome';
    const message = cutMessage(item.description ?? rule);
    const reportedFile = item.location?.path?.file;
    const file = reportedFile ? fromReport(root, cwd, reportedFile) : undefined;
    if (!file) {
      note(`biome: ${rule}: ${message}`);
      continue;
    }
    const span = item.location?.span;
    const index = span ? await indexFor(file, item.location?.sourceCode) : null;
    const start = span && index ? index.position(span[0]) : { line: 1, column: 1 };
    const end = span && index ? index.position(span[1]) : undefined;
    diagnostics.push({
      file,
      line: start.line,
      column: start.column,
      ...(end ? { end_line: end.line, end_column: end.column } : {}),
      rule,
      severity: severityOf(item.severity),
      message,
      linter: 'biome',
      fix_available: item.tags?.includes('fixable') ?? false,
    });
  }
  return diagnostics;
}
