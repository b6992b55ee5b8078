// `tandem doctor` on a git copy of the sample repository: every required check passes (exit 0), the
// table has a row per check and a summary, --json carries the same, and bad flags exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorReport } from '../src/cli/doctor/format-doctor.js';
import { ROWS, rowOf, runDoctorBin } from './support/doctor.js';
import { makeGitRepo, type TempRepo } from './support/git-repo.js';

describe('tandem doctor on a healthy workspace', () => {
  let repo: TempRepo;
  beforeAll(async () => {
    repo = await makeGitRepo();
  });
  afterAll(async () => {
    await repo.remove();
  });

  it('prints a row per check, passes the required ones and exits 0', async () => {
    const run = await runDoctorBin(['--root', repo.dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CHECK\s+STATUS\s+DETAIL\s+FIX$/);
    for (const name of ROWS) expect(lines.some((line) => line.startsWith(`${name} `))).toBe(true);
    // Aligned: every row's status starts in the STATUS column.
    const statusColumn = (lines[0] as string).indexOf('STATUS');
    for (const name of ROWS) {
      const line = lines.find((candidate) => candidate.startsWith(`${name} `)) as string;
      expect(line.slice(statusColumn)).toMatch(/^(ok|warn|missing|error)/);
    }
    expect(lines.at(-1)).toMatch(
      /^16 checks: \d+ ok, \d+ warn, 0 missing, 0 error.*Every required check passes\.$/,
    );
  });

  it('gives the same report as JSON', async () => {
    const run = await runDoctorBin(['--json', '--root', repo.dir]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report).toMatchObject({ root: repo.dir, ok: true, exit_code: 0, failed_required: [] });
    expect(report.checks.map((check) => check.name)).toEqual(ROWS);
    for (const check of report.checks) {
      expect(['ok', 'warn', 'missing', 'error']).toContain(check.status);
      expect(typeof check.detail).toBe('string');
      expect(check.fix === null).toBe(check.status === 'ok');
    }
    const required = report.checks.filter((check) => check.required).map((check) => check.name);
    expect(required).toEqual(['node', 'just', 'git', 'config', 'coder', 'orchestrator']);
    for (const name of required) expect(rowOf(report, name).status).toBe('ok');
    expect(rowOf(report, 'git').detail).toMatch(/^git version \S+ .*in a work tree$/);
    expect(rowOf(report, 'just').detail).toMatch(/^just \d+\.\d+\.\d+ /);
    expect(rowOf(report, 'config').detail).toBe('.tandem/config.yaml loads');
    expect(rowOf(report, 'justfile')).toMatchObject({ status: 'ok', detail: 'justfile has agent-validate' });
    expect(rowOf(report, 'coder').detail).toMatch(
      /^tandem-coder \S+, initialize \d+ ms, tools\/list \d+ ms \(\d+ tools\)$/,
    );
    expect(rowOf(report, 'orchestrator').detail).toMatch(/status \d+ ms \(coder ready\)$/);
    // The sample repository has no client configuration yet: a warning that says to run tandem init.
    expect(rowOf(report, '.mcp.json')).toMatchObject({ status: 'warn', detail: 'not found' });
    expect(rowOf(report, '.mcp.json').fix).toMatch(/tandem init/);
    expect(report.counts.ok + report.counts.warn).toBe(ROWS.length);
  });

  it.each([
    [['--jsn'], /Unknown option '--jsn'/],
    [['extra'], /positional argument/],
    [['--root', '/nonexistent/tandem-doctor'], /--root \/nonexistent\/tandem-doctor is not a directory/],
  ])('refuses %j with exit status 2', async (args, message) => {
    const run = await runDoctorBin(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/tandem doctor --help/);
  });

  it('prints its help with exit status 0', async () => {
    const run = await runDoctorBin(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: tandem doctor/);
    expect(run.stdout).toMatch(/node, just, git, config, coder, orchestrator/);
  });
});
