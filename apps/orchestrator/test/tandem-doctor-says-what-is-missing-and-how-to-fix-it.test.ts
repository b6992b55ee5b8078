// `tandem doctor` when something is wrong: a broken config fails the config row (with its line) and
// both servers (with their stderr), exit 1; a PATH without just and git says how to get them; a
// server whose entry is missing names the build; the client files and justfile warn with `tandem init`.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServer, probeServer } from '../src/cli/doctor/check-servers.js';
import { checkNode } from '../src/cli/doctor/check-tools.js';
import { checkJustfile, checkMcpFile } from '../src/cli/doctor/check-workspace.js';
import type { DoctorReport } from '../src/cli/doctor/format-doctor.js';
import { findJust } from '../src/tasks/just-binary.js';
import { ROWS, rowOf, runDoctorBin } from './support/doctor.js';
import { makeGitRepo, type TempRepo } from './support/git-repo.js';

describe('tandem doctor on a broken workspace', () => {
  let broken: TempRepo;
  let healthy: TempRepo;
  let bareBin: string;
  beforeAll(async () => {
    broken = await makeGitRepo({ commit: false, config: 'git:\n  protected_branches: 5\n' });
    healthy = await makeGitRepo({ commit: false });
    bareBin = await mkdtemp(path.join(os.tmpdir(), 'tandem-doctor-bin-'));
    await symlink(process.execPath, path.join(bareBin, 'node'));
  });
  afterAll(async () => {
    await broken.remove();
    await healthy.remove();
    await rm(bareBin, { recursive: true, force: true, maxRetries: 5 });
  });

  it('fails on a broken config: the config row names the line and key, the servers show their stderr', async () => {
    const table = await runDoctorBin(['--root', broken.dir]);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/^config\s+error\s+Invalid config .*line 4: git\.protected_branches/m);
    expect(table.stdout).toMatch(/^orchestrator: last lines of its stderr:$/m);
    expect(table.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /Required and failing: config, coder, orchestrator\.$/,
    );

    const run = await runDoctorBin(['--json', '--root', broken.dir]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report).toMatchObject({
      ok: false,
      exit_code: 1,
      failed_required: ['config', 'coder', 'orchestrator'],
    });
    const config = rowOf(report, 'config');
    expect(config.status).toBe('error');
    expect(config.fix).toMatch(/at line 4, key git\.protected_branches/);
    for (const server of ['coder', 'orchestrator']) {
      const row = rowOf(report, server);
      expect(row.status).toBe('error');
      expect(row.detail).toMatch(/^start and initialize failed after \d+ ms/);
      expect(row.fix).toMatch(/^Fix the config/);
      expect(row.stderr_tail?.join('\n')).toMatch(/Invalid config .*line 4/);
    }
  });

  it('with only node on PATH, says how to get git and the linters; just comes from rust-just', async () => {
    const run = await runDoctorBin(['--json', '--root', healthy.dir], { ...process.env, PATH: bareBin });
    const report = JSON.parse(run.stdout) as DoctorReport;
    expect(report.checks.map((check) => check.name)).toEqual(ROWS);
    const git = rowOf(report, 'git');
    expect(git).toMatchObject({ status: 'missing', required: true, detail: 'git is not on PATH' });
    expect(git.fix).toMatch(/apt-get install git/);
    // findJust falls back to the binary the rust-just package installs, which this checkout has.
    const packaged = findJust({ PATH: bareBin });
    const just = rowOf(report, 'just');
    if (packaged) {
      expect(packaged.source).toBe('rust-just');
      expect(just.status).toBe('ok');
      expect(just.detail).toContain('from the rust-just package');
    } else {
      expect(just.status).toBe('missing');
      expect(just.fix).toMatch(/apt-get install just/);
    }
    for (const [name, how] of [
      ['shellcheck', /apt-get install shellcheck/],
      ['nixfmt', /nix profile install nixpkgs#nixfmt`/],
      ['ruff', /pip install ruff/],
      ['nix', /nixos\.org/],
    ] as const) {
      expect(rowOf(report, name)).toMatchObject({ status: 'warn', required: false });
      expect(rowOf(report, name).fix).toMatch(how);
    }
    expect(report.failed_required).toContain('git');
    expect(run.code).toBe(1);
  });

  it('reports a server whose built entry is missing, with the build as the fix', async () => {
    const missing = path.join(bareBin, 'dist', 'main.js');
    const row = await probeServer('coder', missing, healthy.dir, process.env, new AbortController().signal);
    expect(row.status).toBe('error');
    expect(row.fix).toMatch(/npm run build/);
    expect(row.stderr_tail?.join('\n')).toMatch(/Cannot find module/);
  });

  it('finds the built servers of this checkout', async () => {
    const row = await checkServer('coder', healthy.dir, process.env, new AbortController().signal);
    expect(row).toMatchObject({ name: 'coder', status: 'ok' });
  });

  it('requires Node 20 or later', () => {
    expect(checkNode('18.19.0')).toMatchObject({ status: 'error', required: true });
    expect(checkNode('18.19.0').fix).toMatch(/Node 22/);
    expect(checkNode('22.11.0')).toMatchObject({ status: 'ok', fix: null });
  });

  it('checks that the client files name both servers', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-doctor-mcp-'));
    try {
      await writeFile(
        path.join(root, '.mcp.json'),
        JSON.stringify({
          mcpServers: {
            other: { command: 'other-server' },
            tandem: { command: 'node', args: ['apps/orchestrator/dist/main.js', '--root', '.'] },
            coder: { command: 'npx', args: ['tandem-coder', '--root', '.'] },
          },
        }),
      );
      expect(await checkMcpFile(root, '.mcp.json')).toMatchObject({
        status: 'ok',
        detail: 'orchestrator: tandem; coder: coder',
      });
      await mkdir(path.join(root, '.cursor'));
      await writeFile(
        path.join(root, '.cursor', 'mcp.json'),
        JSON.stringify({ mcpServers: { tandem: { command: 'tandem-orchestrator' } } }),
      );
      const cursor = await checkMcpFile(root, '.cursor/mcp.json');
      expect(cursor).toMatchObject({ status: 'warn', detail: 'no entry for the coder server' });
      expect(cursor.fix).toMatch(/tandem init/);
      await writeFile(path.join(root, '.cursor', 'mcp.json'), '{"mcpServers": ');
      expect((await checkMcpFile(root, '.cursor/mcp.json')).detail).toMatch(/^not valid JSON: /);
    } finally {
      await rm(root, { recursive: true, force: true, maxRetries: 5 });
    }
  });

  it('warns when the justfile has no agent-validate recipe', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-doctor-just-'));
    try {
      const signal = new AbortController().signal;
      const none = await checkJustfile(root, process.env, signal);
      expect(none).toMatchObject({
        status: 'warn',
        detail: 'no justfile: agents have no agent-validate recipe to run',
      });
      await writeFile(path.join(root, 'justfile'), 'test:\n    echo test\n');
      const without = await checkJustfile(root, process.env, signal);
      expect(without).toMatchObject({ status: 'warn', detail: 'justfile has no agent-validate recipe' });
      expect(without.fix).toMatch(/tandem init/);
      await writeFile(path.join(root, 'justfile'), 'test:\n    echo test\n\nagent-validate: test\n');
      expect(await checkJustfile(root, process.env, signal)).toMatchObject({ status: 'ok' });
    } finally {
      await rm(root, { recursive: true, force: true, maxRetries: 5 });
    }
  });
});
