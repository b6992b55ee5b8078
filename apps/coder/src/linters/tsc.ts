// The TypeScript compiler as a checker: `tsc --noEmit -p <tsconfig>` for the nearest tsconfig.json
// of each TypeScript file in scope, with the project's own typescript. tsc checks a whole project, so
// diagnostics outside the files in scope are left out (and counted). `--noEmit` alone still writes a
// .tsbuildinfo for incremental and composite projects; pointing it into a temporary directory keeps
// the check read-only (`--incremental false` is refused by composite projects).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cutMessage, dirOf, fromReport, tail, withExtension } from './common.js';
import { ConfigFinder, devDependencyHint, findExecutable, groupByConfig } from './locate.js';
import { type Diagnostic, type LinterAdapter, LinterFailure } from './types.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts'];
const MAX_PROJECTS = 20;

interface Project {
  tsconfig: string;
  dir: string;
  binary: string;
  /** Files in scope whose nearest tsconfig.json this is. */
  files: string[];
}

interface Plan {
  projects: Project[];
  /** Files whose project was left out (no typescript installed, or past the project cap). */
  uninstalled: number;
  overCap: number;
}

export interface TscDiagnostic {
  /** As tsc printed it, relative to where it ran; undefined for a diagnostic about the whole program. */
  file: string | undefined;
  line: number;
  column: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

const LOCATED = /^(.+)\((\d+),(\d+)\): (error|warning|message) (TS\d+): (.*)$/;
const GLOBAL = /^(error|warning|message) (TS\d+): (.*)$/;

function severityOf(category: string): Diagnostic['severity'] {
  if (category === 'error') return 'error';
  if (category === 'warning') return 'warning';
  return 'info';
}

/** Absolute paths `--listFiles` printed: the files of the program. */
export function listedFiles(output: string): string[] {
  return output.split(/\r?\n/).filter((line) => path.isAbsolute(line) && !LOCATED.test(line));
}

/** Parses `tsc --pretty false` output; indented lines continue the previous message. */
export function parseTscOutput(output: string): TscDiagnostic[] {
  const diagnostics: TscDiagnostic[] = [];
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    if (located) {
      diagnostics.push({
        file: located[1] as string,
        line: Number(located[2]),
        column: Number(located[3]),
        severity: severityOf(located[4] as string),
        code: located[5] as string,
        message: located[6] as string,
      });
      continue;
    }
    const global = GLOBAL.exec(line);
    if (global) {
      diagnostics.push({
        file: undefined,
        line: 1,
        column: 1,
        severity: severityOf(global[1] as string),
        code: global[2] as string,
        message: global[3] as string,
      });
      continue;
    }
    const last = diagnostics[diagnostics.length - 1];
    if (last && /^\s/.test(line) && line.trim()) last.message += `\n${line.trim()}`;
  }
  return diagnostics;
}

export const tsc: LinterAdapter<Plan> = {
  name: 'tsc',
  language: 'TypeScript',
  async select(scope) {
    return withExtension(scope.files, EXTENSIONS);
  },
  async prepare(scope, files) {
    const byConfig = await groupByConfig(new ConfigFinder(scope.root, ['tsconfig.json']), files);
    if (byConfig.size === 0) {
      return {
        status: 'not_configured',
        message: `No tsconfig.json at or above the ${files.length} TypeScript file(s).`,
      };
    }
    const projects: Project[] = [];
    let uninstalled = 0;
    let overCap = 0;
    for (const [tsconfig, grouped] of byConfig) {
      if (projects.length >= MAX_PROJECTS) {
        overCap += grouped.length;
        continue;
      }
      const dir = dirOf(tsconfig);
      const binary = await findExecutable(scope.root, 'tsc', { from: dir });
      if (binary) projects.push({ tsconfig, dir, binary, files: grouped });
      else uninstalled += grouped.length;
    }
    const first = projects[0];
    if (!first) {
      return {
        status: 'not_installed',
        message: `The project has ${[...byConfig.keys()].join(', ')} but typescript (tsc) is not installed.`,
        install_hint: await devDependencyHint(scope.root, 'typescript'),
      };
    }
    return {
      binary: first.binary,
      configs: [...byConfig.keys()],
      plan: { projects, uninstalled, overCap },
    };
  },
  async lint(job) {
    const { root, inScope } = job.scope;
    const { projects, uninstalled, overCap } = job.prepared.plan;
    if (uninstalled > 0) job.unchecked(uninstalled, 'in a TypeScript project with no typescript installed');
    if (overCap > 0) {
      job.unchecked(overCap, `in projects past the first ${MAX_PROJECTS} tsconfig.json files (narrow paths)`);
    }
    const seen = new Set<string>();
    let outside = 0;
    let notInProgram = 0;
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'tandem-tsc-'));
    try {
      for (const [i, project] of projects.entries()) {
        const cwd = path.join(root, project.dir);
        const result = await job.run(
          project.binary,
          [
            '--noEmit',
            '--pretty',
            'false',
            '--listFiles',
            '-p',
            './tsconfig.json',
            '--incremental',
            '--tsBuildInfoFile',
            path.join(scratch, `${i}.tsbuildinfo`),
          ],
          { cwd },
        );
        const parsed = parseTscOutput(result.stdout);
        if (result.exitCode !== 0 && parsed.length === 0) {
          throw new LinterFailure(
            `tsc (${project.tsconfig}) exited with code ${result.exitCode} without diagnostics we can read.`,
            tail(`${result.stdout}\n${result.stderr}`),
          );
        }
        const program = new Set(listedFiles(result.stdout).map((file) => fromReport(root, cwd, file)));
        notInProgram += project.files.filter((file) => !program.has(file)).length;
        const diagnostics: Diagnostic[] = [];
        for (const item of parsed) {
          const file = item.file === undefined ? project.tsconfig : fromReport(root, cwd, item.file);
          if (!file || (file !== project.tsconfig && !inScope.has(file))) {
            outside += 1;
            continue;
          }
          const key = `${file}:${item.line}:${item.column}:${item.code}:${item.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          diagnostics.push({
            file,
            line: item.line,
            column: item.column,
            rule: item.code,
            severity: item.severity,
            message: cutMessage(item.message),
            linter: 'tsc',
            fix_available: false,
          });
        }
        job.add(diagnostics);
      }
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    if (notInProgram > 0) {
      job.note(
        `${notInProgram} TypeScript file(s) in scope are not part of their tsconfig.json program (its include/files leave them out), so tsc did not check them.`,
      );
    }
    if (outside > 0) {
      job.note(
        `${outside} tsc diagnostic(s) in files outside the scope (other paths, ignored or generated files) were left out.`,
      );
    }
  },
};
