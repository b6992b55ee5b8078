// `tandem audit` over a generated audit: rotated files read in order, filters, tail, stats, JSON,
// bad lines skipped and counted, bad flags refused with exit status 2, and --follow across a rotation.
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { AuditRecord, CallOutcome } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../src/cli/cli-io.js';
import { runTandem } from '../src/cli/commands.js';

const tandemBin = fileURLToPath(new URL('../bin/tandem.js', import.meta.url));
const NOW = Date.parse('2025-06-01T12:00:00.000Z');

function record(
  minutesAgo: number,
  tool: string,
  outcome: CallOutcome,
  durationMs: number,
  who: { subject: string; onBehalfOf?: string; role?: string } = { subject: 'alice' },
): AuditRecord {
  const role = who.role ?? 'developer';
  return {
    time: new Date(NOW - minutesAgo * 60_000).toISOString(),
    server: tool.startsWith('ast_') ? 'tandem-coder' : 'tandem-orchestrator',
    tool,
    request_id: minutesAgo,
    identity: {
      subject: who.subject,
      role,
      transport: 'stdio',
      ...(who.onBehalfOf ? { on_behalf_of: { subject: who.onBehalfOf, role } } : {}),
    },
    role,
    args_shape: {},
    args: {},
    outcome,
    ...(outcome === 'ok' ? {} : { error: { type: 'ToolError', message: `failed ${minutesAgo}` } }),
    duration_ms: durationMs,
    request_bytes: 2,
    bytes_returned: 100,
  };
}

const lines = (records: AuditRecord[]) => records.map((entry) => `${JSON.stringify(entry)}\n`).join('');

/** Oldest first: audit.2.jsonl, audit.1.jsonl, audit.jsonl. */
const oldest = [
  record(600, 'ast_search', 'ok', 10),
  record(590, 'ast_search', 'ok', 20, { subject: 'root', onBehalfOf: 'bob', role: 'viewer' }),
];
const middle = [record(300, 'ast_rewrite', 'error', 30), record(120, 'status', 'ok', 1, { subject: 'bob' })];
const newest = [
  record(50, 'ast_search', 'ok', 40),
  record(30, 'ast_rewrite', 'refused', 5, { subject: 'root', onBehalfOf: 'bob', role: 'viewer' }),
  record(10, 'ast_search', 'timeout', 100),
  record(1, 'status', 'ok', 2, { subject: 'bob' }),
];

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe('tandem audit', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'tandem-audit-cli-'));
    dir = path.join(root, '.tandem', 'audit');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'audit.2.jsonl'), lines(oldest));
    await writeFile(path.join(dir, 'audit.1.jsonl'), `${lines(middle)}this line is garbage\n`);
    await writeFile(path.join(dir, 'audit.jsonl'), `${lines(newest)}{"time":"2025-06-01T11:59`);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  async function tandem(args: string[], signal = new AbortController().signal): Promise<Run> {
    const run: Run = { code: -1, out: [], err: [] };
    const io: CliIo = {
      out: (line) => run.out.push(...line.split('\n')),
      err: (line) => run.err.push(line),
      cwd: root,
      now: () => NOW,
      signal,
    };
    run.code = await runTandem(['audit', ...args], io);
    return run;
  }

  const ids = (run: Run) => run.out.map((line) => (JSON.parse(line) as AuditRecord).request_id);

  it('prints every record, oldest first across the rotated files, and counts the bad lines', async () => {
    const run = await tandem([]);
    expect(run.code).toBe(0);
    expect(run.out).toHaveLength(8);
    expect(run.out[0]).toBe(
      '2025-06-01T02:00:00.000Z  tandem-coder  ast_search  alice/developer  ok  10 ms  100 B',
    );
    expect(run.out[1]).toContain('  bob/viewer via root  ');
    expect(run.out[2]).toMatch(
      /ast_rewrite {2}alice\/developer {2}error {2}30 ms {2}100 B {2}ToolError: failed 300$/,
    );
    expect(run.err).toEqual(['skipped 2 unreadable lines (not audit records)']);
    const json = await tandem(['--json']);
    expect(ids(json)).toEqual([600, 590, 300, 120, 50, 30, 10, 1]);
  });

  it('filters by tool (with globs), identity, server, outcome and time', async () => {
    expect(ids(await tandem(['--json', '--tool', 'ast_rewrite']))).toEqual([300, 30]);
    expect(ids(await tandem(['--json', '--tool', 'ast_*,status', '--outcome', 'ok']))).toEqual([
      600, 590, 120, 50, 1,
    ]);
    // A delegated call matches the user it was made for.
    expect(ids(await tandem(['--json', '--identity', 'bob']))).toEqual([590, 120, 30, 1]);
    expect(ids(await tandem(['--json', '--server', 'tandem-orchestrator']))).toEqual([120, 1]);
    expect(ids(await tandem(['--json', '--outcome', 'error', '--outcome', 'refused,timeout']))).toEqual([
      300, 30, 10,
    ]);
    expect(ids(await tandem(['--json', '--since', '1h']))).toEqual([50, 30, 10, 1]);
    expect(ids(await tandem(['--json', '--since', '2025-06-01T07:00:00Z', '--until', '30m']))).toEqual([
      300, 120, 50,
    ]);
    expect(ids(await tandem(['--json', '--until', '2025-06-01']))).toEqual([]);
  });

  it('tails the last n matches', async () => {
    expect(ids(await tandem(['--json', '--tail', '3']))).toEqual([30, 10, 1]);
    expect(ids(await tandem(['--json', '--tail', '2', '--tool', 'ast_search']))).toEqual([50, 10]);
  });

  it('summarizes calls, errors and p50/p95 duration per tool', async () => {
    const json = await tandem(['--stats', '--json']);
    expect(JSON.parse(json.out[0] as string)).toEqual({
      tools: [
        { tool: 'ast_search', calls: 4, errors: 1, p50_ms: 20, p95_ms: 100 },
        { tool: 'ast_rewrite', calls: 2, errors: 2, p50_ms: 5, p95_ms: 30 },
        { tool: 'status', calls: 2, errors: 0, p50_ms: 1, p95_ms: 2 },
      ],
      total: { calls: 8, errors: 3, p50_ms: 10, p95_ms: 100 },
    });
    const table = await tandem(['--stats', '--since', '1h']);
    expect(table.out).toEqual([
      'tool         calls  errors  p50 ms  p95 ms',
      'ast_search       2       1      40     100',
      'ast_rewrite      1       1     5.0     5.0',
      'status           1       0     2.0     2.0',
      'all tools        4       2     5.0     100',
    ]);
  });

  it.each([
    [['--tools', 'x'], /Unknown option '--tools'/],
    [['--outcome', 'failed'], /--outcome "failed" is not one of ok, error, refused, timeout, cancelled/],
    [['--since', 'yesterday'], /--since "yesterday" is neither an ISO 8601 time/],
    [['--tail', '0'], /--tail "0" must be a whole number/],
    [['--tail'], /argument missing/],
    [['--stats', '--follow'], /--stats and --follow do not go together/],
    [['--since', '1h', '--until', '2h'], /--since must be earlier than --until/],
    [['--root', '/nonexistent/tandem'], /--root \/nonexistent\/tandem is not a directory/],
    [['extra'], /Unexpected argument 'extra'/],
  ])('refuses %j with exit status 2', async (args, message) => {
    const run = await tandem(args);
    expect(run.code).toBe(2);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toMatch(message);
    expect(run.err[1]).toBe('Run tandem audit --help for usage.');
  });

  it('says so when there is no audit yet', async () => {
    await rm(dir, { recursive: true });
    const run = await tandem([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([]);
    expect(run.err[0]).toMatch(/^No audit log in .*\.tandem\/audit yet/);
  });

  it('follows new records, across a rotation, until stopped', async () => {
    const controller = new AbortController();
    const out: string[] = [];
    const io: CliIo = {
      out: (line) => out.push(line),
      err: () => {},
      cwd: root,
      now: () => NOW,
      signal: controller.signal,
    };
    const done = runTandem(['audit', '--follow', '--json', '--tail', '2', '--identity', 'alice'], io);
    const seen = () => out.map((line) => (JSON.parse(line) as AuditRecord).request_id);
    await vi.waitFor(() => expect(seen()).toEqual([50, 10]));
    // The cut-short line at the end of audit.jsonl is finished by the next append… as garbage; then
    // records on lines of their own.
    await appendFile(path.join(dir, 'audit.jsonl'), `\n${lines([record(-1, 'ast_search', 'ok', 3)])}`);
    await vi.waitFor(() => expect(seen()).toEqual([50, 10, -1]));
    // Rotation: the old file gets one last record after being renamed, then a new audit.jsonl starts.
    await rename(path.join(dir, 'audit.jsonl'), path.join(dir, 'audit.3.jsonl'));
    await appendFile(path.join(dir, 'audit.3.jsonl'), lines([record(-2, 'ast_search', 'ok', 3)]));
    await writeFile(
      path.join(dir, 'audit.jsonl'),
      lines([record(-3, 'status', 'ok', 3), record(-4, 'status', 'ok', 3, { subject: 'bob' })]),
    );
    await vi.waitFor(() => expect(seen()).toEqual([50, 10, -1, -2, -3]));
    controller.abort();
    expect(await done).toBe(0);
  });

  it('runs as the tandem bin, with exit status 2 on a bad flag', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [
      tandemBin,
      'audit',
      '--root',
      root,
      '--json',
      '--tail',
      '1',
    ]);
    expect(JSON.parse(stdout.trim()).tool).toBe('status');
    const failure = await run(process.execPath, [tandemBin, 'audit', '--bogus']).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^tandem audit: Unknown option '--bogus'/),
    });
    const help = await run(process.execPath, [tandemBin, '--help']);
    expect(help.stdout).toMatch(/^Usage: tandem <command>[\s\S]*audit +filter, tail and summarize/);
    const unknown = await run(process.execPath, [tandemBin, 'nope']).catch((error: unknown) => error);
    expect(unknown).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^tandem: unknown command "nope"/),
    });
  });
});
