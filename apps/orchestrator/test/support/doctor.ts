// Runs the built `tandem doctor` as a user does, and reads its --json report.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CheckResult } from '../../src/cli/doctor/doctor-check.js';
import type { DoctorReport } from '../../src/cli/doctor/format-doctor.js';

const tandemBin = fileURLToPath(new URL('../../bin/tandem.js', import.meta.url));

export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runDoctorBin(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<DoctorRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tandemBin, 'doctor', ...args],
      { env, maxBuffer: 4 << 20 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export function rowOf(report: DoctorReport, name: string): CheckResult {
  const row = report.checks.find((check) => check.name === name);
  if (!row) throw new Error(`no ${name} row in ${JSON.stringify(report.checks.map((check) => check.name))}`);
  return row;
}

export const ROWS = [
  'node',
  'just',
  'git',
  'tsc',
  'biome',
  'eslint',
  'ruff',
  'shellcheck',
  'nixfmt',
  'nix',
  'config',
  'justfile',
  '.mcp.json',
  '.cursor/mcp.json',
  'coder',
  'orchestrator',
];
