// A coder applying an ast_rewrite across a real corpus (rxjs's sources, shipped in the coder's dev
// dependencies) is SIGKILLed at random moments: afterwards every file is byte for byte its old or
// its new content (the new content taken from the same rewrite run to completion on a copy), never
// torn, never missing, and nothing else appears but the temporary files of writes cut short. Those
// are skipped by every walk (so no search sees them) and removed by the next coder's start-up walk.
// The same for the orchestrator's refactor killed mid-apply (the orchestrator alone, or with its
// coder): files old or new, and running the refactor again finishes the change.
import { execFileSync } from 'node:child_process';
import { watch } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coderMain, orchestratorMain } from '../support/paths.js';
import { coderChildOf, pollUntil, waitForGone } from '../support/processes.js';
import { type RawOrchestrator, spawnServer } from '../support/raw-rpc.js';
import { heavy, recordFigures, scaled } from '../support/reliability.js';

const ROUNDS = scaled(12, 120);
const REFACTOR_ROUNDS = scaled(4, 60);
const CORPUS = fileURLToPath(new URL('../../../coder/node_modules/rxjs/src', import.meta.url));
// Idempotent (a renamed identifier no longer matches), so running it again finishes a partial apply.
const REWRITE = { pattern: 'Observable', rewrite: 'ObservableRenamed', language: 'typescript' };
/** A ceiling for one answer on a loaded machine, not a speed expectation. */
const ANSWER_MS = 30_000;
/** The coder's temporary-file name for an atomic write (apps/coder/src/engine/source-file.ts). */
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

let parent: string;
let workspace: string;
/** A copy for the orchestrator's refactor, with a config that lets it change this many files. */
let orchestrated: string;
/** Relative path → original bytes, and → bytes after the complete rewrite. */
const before = new Map<string, Buffer>();
const after = new Map<string, Buffer>();
let applyMs = 0;
/** The file ids of a dry run: an apply writes exactly what the dry run showed. */
let changeIds: string[] = [];

/** Files under the corpus's src/ (the coder's own state goes to .tandem/). */
async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function startCoder(root: string): Promise<RawOrchestrator> {
  const coder = spawnServer(coderMain, root);
  const init = await coder.initialize(1, ANSWER_MS);
  expect(init.result, coder.stderr()).toBeDefined();
  return coder;
}

function applyRequest(coder: RawOrchestrator, id: number): void {
  coder.send({
    id,
    method: 'tools/call',
    params: {
      name: 'ast_rewrite',
      arguments: { ...REWRITE, apply: true, change_ids: changeIds, max_diff_chars: 1000 },
    },
  });
}

async function stop(coder: RawOrchestrator): Promise<void> {
  coder.child.kill('SIGKILL');
  await coder.exited;
}

beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'tandem-torn-writes-'));
  const complete = path.join(parent, 'complete');
  workspace = path.join(parent, 'workspace');
  await cp(CORPUS, path.join(complete, 'src'), { recursive: true, dereference: true });
  await cp(complete, workspace, { recursive: true });
  orchestrated = path.join(parent, 'orchestrated');
  await cp(complete, orchestrated, { recursive: true });
  await mkdir(path.join(orchestrated, '.tandem'), { recursive: true });
  await writeFile(
    path.join(orchestrated, '.tandem', 'config.yaml'),
    'identity:\n  role: maintainer\nrefactor:\n  max_files: 200\n',
  );
  for (const file of await listFiles(complete)) before.set(file, await readFile(path.join(complete, file)));
  // The new content: the same rewrite, dry run then run to completion on a copy.
  const coder = await startCoder(complete);
  coder.send({
    id: 5,
    method: 'tools/call',
    params: { name: 'ast_rewrite', arguments: { ...REWRITE, max_diff_chars: 1000 } },
  });
  const dryRun = (await coder.response(5, 60_000)).result?.structuredContent as {
    files: Array<{ file_id: string; refused?: string }>;
  };
  changeIds = dryRun.files.filter((file) => !file.refused).map((file) => file.file_id);
  await stop(coder);
  // Timed on a fresh coder, as in the rounds: its trees are not cached yet.
  const applier = await startCoder(complete);
  const started = performance.now();
  applyRequest(applier, 2);
  const reply = await applier.response(2, 60_000);
  applyMs = performance.now() - started;
  expect(reply.result?.isError, JSON.stringify(reply.result?.content)).not.toBe(true);
  await stop(applier);
  for (const file of await listFiles(complete)) after.set(file, await readFile(path.join(complete, file)));
}, 120_000);

const figures: Record<string, number | string> = {};

afterAll(async () => {
  recordFigures('leaves-every-file-old-or-new-when-the-writer-is-killed', {
    title: 'A writer killed with SIGKILL in the middle of a rewrite',
    figures,
    notes: [
      'Each file is written to a temporary file beside it, fsynced and renamed over the original, so a kill leaves every file old or new. A kill between two files leaves some files rewritten and others not: an apply is all-or-nothing for the failures the process survives (stale files, syntax errors, a failed validation, a cancelled call), not for SIGKILL.',
      "What is promised after a SIGKILL: no torn or missing file; git shows which files were written; running the same refactor (or rewrite) again finishes the change, as the last step of the refactor scenario checks. The refactor's backups live in memory, so a killed orchestrator does not roll back on its next start: doing so could overwrite edits made after the crash.",
      'Found: temporary files of cut-short writes stayed forever and include_hidden walks (scan_secrets, ast_search) read them. Their names (.<name>.<pid>.<hex>.tmp, also used by the refactor restore) are now skipped by every walk, and the next coder start removes those whose writer is gone (a planted one is checked in every run).',
      ...(heavy
        ? []
        : [
            'TANDEM_RELIABILITY=heavy runs 120 coder kills and 60 refactor kills (the normal run: 12 and 4, more if none landed among the writes).',
          ]),
    ],
  });
  if (parent) await rm(parent, { recursive: true, force: true, maxRetries: 5 });
});

interface Totals {
  torn: number;
  missing: number;
  unexpected_files: number;
  partial_rounds: number;
  temp_files_left: number;
  rewritten: number;
}

const newTotals = (): Totals => ({
  torn: 0,
  missing: 0,
  unexpected_files: 0,
  partial_rounds: 0,
  temp_files_left: 0,
  rewritten: 0,
});

/** Files the complete rewrite changes. */
const changedFiles = () =>
  [...before.keys()].filter((file) => !before.get(file)?.equals(after.get(file) as Buffer));

/** Compares every file of `root` with its old and new content; returns the temporary files found. */
async function inspect(root: string, totals: Totals): Promise<string[]> {
  let rewritten = 0;
  const temps: string[] = [];
  const present = new Set(await listFiles(root));
  for (const file of present) {
    if (TEMP.test(path.basename(file))) temps.push(file);
    else if (!before.has(file)) totals.unexpected_files += 1;
  }
  for (const [file, old] of before) {
    if (!present.has(file)) {
      totals.missing += 1;
      continue;
    }
    const now = await readFile(path.join(root, file));
    if (now.equals(old)) continue;
    if (now.equals(after.get(file) as Buffer)) rewritten += 1;
    else totals.torn += 1;
  }
  if (rewritten > 0 && rewritten < changedFiles().length) totals.partial_rounds += 1;
  totals.rewritten += rewritten;
  totals.temp_files_left += temps.length;
  return temps;
}

/**
 * When to kill: spread evenly over the measured window (and a fifth past it) for the planned rounds;
 * then, should no kill have landed among the writes (a loaded machine runs slower than it measured),
 * bisecting between the longest delay that found nothing written and the shortest that found all.
 */
class KillMoments {
  private lo = 0;
  private hi: number;

  constructor(
    private readonly planned: number,
    private readonly windowMs: number,
  ) {
    this.hi = windowMs * 1.2;
  }

  delay(round: number): number {
    if (round < this.planned) return ((round + Math.random()) / this.planned) * this.windowMs * 1.2;
    if (this.lo >= this.hi * 0.95) this.hi *= 2; // everything was still unwritten: look later
    return (this.lo + this.hi) / 2;
  }

  record(delay: number, rewritten: number, all: number): void {
    if (rewritten === 0) this.lo = Math.max(this.lo, delay);
    else if (rewritten === all) this.hi = Math.min(this.hi, delay);
  }
}

/**
 * Resolves once `count` atomic writes have begun under `root` (their temporary files appeared), or
 * after `ceilingMs`, well past the apply's measured time, so a round never waits forever.
 */
function watchWrites(
  root: string,
  count: number,
  ceilingMs: number,
): { reached: Promise<void>; started: () => boolean; close: () => void } {
  const seen = new Set<string>();
  let resolve: () => void = () => undefined;
  const reached = new Promise<void>((done) => {
    resolve = done;
  });
  const watcher = watch(path.join(root, 'src'), { recursive: true }, (_event, name) => {
    if (name && TEMP.test(path.basename(name))) seen.add(name);
    if (seen.size >= count) resolve();
  });
  const ceiling = setTimeout(resolve, ceilingMs);
  return {
    reached,
    started: () => seen.size > 0,
    close: () => {
      clearTimeout(ceiling);
      watcher.close();
    },
  };
}

async function restoreOld(root: string): Promise<void> {
  for (const file of changedFiles()) await writeFile(path.join(root, file), before.get(file) as Buffer);
}

it(
  `leaves every file old or new across ${ROUNDS} SIGKILLs of a coder mid-rewrite, and clears its temporary files on the next start`,
  async () => {
    const changed = changedFiles();
    expect(changed.length).toBeGreaterThan(50);
    expect([...after.keys()]).toEqual([...before.keys()]);

    const totals = newTotals();
    let tempRounds = 0;
    const moments = new KillMoments(ROUNDS, applyMs);
    let kills = 0;
    let midWrite = 0;
    for (let round = 0; round < ROUNDS || (midWrite === 0 && round < ROUNDS * 2); round++) {
      const coder = await startCoder(workspace);
      // Odd rounds kill once the k-th file's write has begun (its temporary file appeared), so some
      // kills surely land among the writes however slow the machine; even rounds at random moments.
      const writes =
        round % 2 === 1
          ? watchWrites(workspace, 1 + Math.floor(Math.random() * (changed.length / 2)), 5000 + applyMs * 5)
          : undefined;
      applyRequest(coder, 2);
      const delay = moments.delay(round);
      await (writes?.reached ?? new Promise((resolve) => setTimeout(resolve, delay)));
      await stop(coder);
      writes?.close();
      kills += 1;
      const answered = coder.stdoutLines().some((line) => line.includes('"id":2'));
      if (writes?.started() && !answered) midWrite += 1;
      const rewrittenBefore = totals.rewritten;
      const temps = await inspect(workspace, totals);
      if (!writes) moments.record(delay, totals.rewritten - rewrittenBefore, changed.length);
      if (temps.length > 0) {
        tempRounds += 1;
        await checkTempsCleared(temps);
      }
      await restoreOld(workspace);
    }

    // A planted leftover, so that clean-up on start is checked even when no kill landed mid-write.
    const deadPid = Number(
      execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim(),
    );
    const planted = `src/internal/.Observable.ts.${deadPid}.0badf00d.tmp`;
    await writeFile(path.join(workspace, planted), 'export const torn = ');
    await checkTempsIgnored();
    await checkTempsCleared([planted]);

    Object.assign(figures, {
      corpus: 'rxjs/src',
      files: before.size,
      files_the_rewrite_changes: changed.length,
      coder_complete_apply_ms: Math.round(applyMs),
      coder_sigkills: kills,
      coder_kills_after_a_write_began_before_the_answer: midWrite,
      coder_files_checked: kills * before.size,
      coder_files_found_rewritten: totals.rewritten,
      coder_rounds_with_part_of_the_files_rewritten: totals.partial_rounds,
      coder_torn_files: totals.torn,
      coder_missing_files: totals.missing,
      coder_unexpected_files: totals.unexpected_files,
      coder_temporary_files_left_by_kills: totals.temp_files_left,
      coder_rounds_that_left_temporary_files: tempRounds,
      temporary_files_seen_by_search: 0,
      temporary_files_left_after_next_start: 0,
    });

    // Some kills landed among the writes (after one began, before the apply answered).
    expect(midWrite).toBeGreaterThan(0);
    expect(totals.torn).toBe(0);
    expect(totals.missing).toBe(0);
    expect(totals.unexpected_files).toBe(0);
  },
  heavy ? 1_800_000 : 240_000,
);

/** The orchestrator's refactor of the same rewrite, applied without validation (it would only add time). */
function refactorRequest(orchestrator: RawOrchestrator, id: number): void {
  orchestrator.send({
    id,
    method: 'tools/call',
    params: {
      name: 'refactor',
      arguments: { ...REWRITE, dry_run: false, validate: false, max_diff_chars: 1000 },
    },
  });
}

async function startOrchestrator(): Promise<RawOrchestrator> {
  const orchestrator = spawnServer(orchestratorMain, orchestrated);
  const init = await orchestrator.initialize(1, ANSWER_MS);
  expect(init.result, orchestrator.stderr()).toBeDefined();
  return orchestrator;
}

/** A refactor run to completion: every file the rewrite changes ends up new. */
async function refactorToCompletion(): Promise<number> {
  const orchestrator = await startOrchestrator();
  try {
    const started = performance.now();
    refactorRequest(orchestrator, 2);
    const reply = await orchestrator.response(2, 120_000);
    const elapsed = performance.now() - started;
    expect(reply.result?.isError, JSON.stringify(reply.result?.content).slice(0, 500)).not.toBe(true);
    const totals = newTotals();
    await inspect(orchestrated, totals);
    expect(totals.rewritten).toBe(changedFiles().length);
    return elapsed;
  } finally {
    orchestrator.child.stdin.end();
    await Promise.race([orchestrator.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    orchestrator.child.kill('SIGKILL');
  }
}

it(
  `leaves every file old or new across ${REFACTOR_ROUNDS} SIGKILLs of the orchestrator (and its coder) mid-refactor, and a new run finishes the change`,
  async () => {
    const refactorMs = await refactorToCompletion();
    await restoreOld(orchestrated);
    const totals = newTotals();
    let bothKilled = 0;
    const moments = new KillMoments(REFACTOR_ROUNDS, refactorMs);
    let kills = 0;
    for (
      let round = 0;
      round < REFACTOR_ROUNDS || (totals.rewritten === 0 && round < REFACTOR_ROUNDS * 3);
      round++
    ) {
      const orchestrator = await startOrchestrator();
      refactorRequest(orchestrator, 2);
      const delay = moments.delay(round);
      await new Promise((resolve) => setTimeout(resolve, delay));
      const coder = coderChildOf(orchestrator.child.pid as number);
      orchestrator.child.kill('SIGKILL');
      // Every other round the coder dies too; otherwise it finds its stdin closed and shuts down.
      if (round % 2 === 1 && coder !== undefined) {
        process.kill(coder, 'SIGKILL');
        bothKilled += 1;
      }
      await orchestrator.exited;
      if (coder !== undefined) await waitForGone(coder, 15_000);
      kills += 1;
      const rewrittenBefore = totals.rewritten;
      const temps = await inspect(orchestrated, totals);
      moments.record(delay, totals.rewritten - rewrittenBefore, changedFiles().length);
      for (const temp of temps) await rm(path.join(orchestrated, temp), { force: true });
      await restoreOld(orchestrated);
    }
    // The promise after a kill: the same refactor, run again, finishes the change. Shown from a
    // partly applied state: half the files new, half old.
    const changed = changedFiles();
    for (const file of changed.slice(0, changed.length >> 1))
      await writeFile(path.join(orchestrated, file), after.get(file) as Buffer);
    await refactorToCompletion();

    Object.assign(figures, {
      refactor_complete_ms: Math.round(refactorMs),
      refactor_sigkills: kills,
      refactor_rounds_coder_killed_too: bothKilled,
      refactor_files_checked: kills * before.size,
      refactor_files_found_rewritten: totals.rewritten,
      refactor_rounds_with_part_of_the_files_rewritten: totals.partial_rounds,
      refactor_torn_files: totals.torn,
      refactor_missing_files: totals.missing,
      refactor_unexpected_files: totals.unexpected_files,
      refactor_temporary_files_left_by_kills: totals.temp_files_left,
      refactor_rerun_finished_the_change: 'yes',
    });
    expect(totals.torn).toBe(0);
    expect(totals.missing).toBe(0);
    expect(totals.unexpected_files).toBe(0);
    expect(totals.rewritten).toBeGreaterThan(0);
  },
  heavy ? 1_800_000 : 240_000,
);

/** Files under src/ that have an atomic write's temporary name. */
async function tempsLeft(): Promise<string[]> {
  return (await listFiles(workspace)).filter((file) => TEMP.test(path.basename(file)));
}

/** A coder's start removes `temps`, whose writer is dead. */
async function checkTempsCleared(temps: string[]): Promise<void> {
  const coder = await startCoder(workspace);
  try {
    await pollUntil(
      `the coder start to remove ${temps.join(', ')}`,
      async () => ((await tempsLeft()).length === 0 ? true : undefined),
      20_000,
    );
  } finally {
    await stop(coder);
  }
}

/**
 * No walk sees a temporary file, hidden files included: a secret scan of src with include_hidden
 * counts exactly the corpus files beside the temporary file of a writer still alive (the test
 * itself, so that the start-up clean-up leaves it in place).
 */
async function checkTempsIgnored(): Promise<void> {
  const live = `src/.index.ts.${process.pid}.cafef00d.tmp`;
  await writeFile(path.join(workspace, live), 'export const half = ');
  const coder = await startCoder(workspace);
  try {
    coder.send({
      id: 3,
      method: 'tools/call',
      params: { name: 'scan_secrets', arguments: { paths: ['src'], include_hidden: true, limit: 1 } },
    });
    const scan = (await coder.response(3, 30_000)).result?.structuredContent as {
      files_scanned: number;
      files_skipped: Record<string, number>;
    };
    const skipped = Object.values(scan.files_skipped).reduce((sum, count) => sum + count, 0);
    expect(scan.files_scanned + skipped, 'files a hidden-inclusive walk saw').toBe(before.size);
    expect(await tempsLeft()).toEqual([live]);
  } finally {
    await stop(coder);
    await rm(path.join(workspace, live), { force: true });
  }
}
