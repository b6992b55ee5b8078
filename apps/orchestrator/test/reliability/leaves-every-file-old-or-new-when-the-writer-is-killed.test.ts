// A coder applying an ast_rewrite across a real corpus (rxjs's sources, shipped in the coder's dev
// dependencies) is SIGKILLed at random moments: afterwards every file is byte for byte its old or
// its new content (the new content taken from the same rewrite run to completion on a copy), never
// torn, never missing, and nothing else appears but the temporary files of writes cut short. Those
// are skipped by every walk (so no search sees them) and removed by the next coder's start-up walk.
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coderMain } from '../support/paths.js';
import { pollUntil } from '../support/processes.js';
import { type RawOrchestrator, spawnServer } from '../support/raw-rpc.js';
import { heavy, recordFigures, scaled } from '../support/reliability.js';

const ROUNDS = scaled(20, 120);
const CORPUS = fileURLToPath(new URL('../../../coder/node_modules/rxjs/src', import.meta.url));
const REWRITE = { pattern: 'const $A = $B', rewrite: 'let $A = $B', language: 'typescript' };
/** The coder's temporary-file name for an atomic write (apps/coder/src/engine/source-file.ts). */
const TEMP = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

let parent: string;
let workspace: string;
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
  const init = await coder.initialize(1);
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

afterAll(async () => {
  if (parent) await rm(parent, { recursive: true, force: true, maxRetries: 5 });
});

it(
  `leaves every file old or new across ${ROUNDS} SIGKILLs of a coder mid-rewrite, and clears its temporary files on the next start`,
  async () => {
    const changed = [...before.keys()].filter((file) => !before.get(file)?.equals(after.get(file) as Buffer));
    expect(changed.length).toBeGreaterThan(50);
    expect([...after.keys()]).toEqual([...before.keys()]);

    const totals = { torn: 0, missing: 0, unexpected_files: 0, partial_rounds: 0, temp_files_left: 0 };
    let rewrittenSeen = 0;
    let tempRounds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const coder = await startCoder(workspace);
      applyRequest(coder, 2);
      // Random moments spread across the whole apply, from before the first write to after the last.
      const delay = ((round + Math.random()) / ROUNDS) * applyMs * 1.2;
      await new Promise((resolve) => setTimeout(resolve, delay));
      await stop(coder);

      let rewritten = 0;
      const temps: string[] = [];
      const present = new Set(await listFiles(workspace));
      for (const file of present) {
        if (TEMP.test(path.basename(file))) temps.push(file);
        else if (!before.has(file)) totals.unexpected_files += 1;
      }
      for (const [file, old] of before) {
        if (!present.has(file)) {
          totals.missing += 1;
          continue;
        }
        const now = await readFile(path.join(workspace, file));
        if (now.equals(old)) continue;
        if (now.equals(after.get(file) as Buffer)) rewritten += 1;
        else totals.torn += 1;
      }
      if (rewritten > 0 && rewritten < changed.length) totals.partial_rounds += 1;
      rewrittenSeen += rewritten;
      totals.temp_files_left += temps.length;

      if (temps.length > 0) {
        tempRounds += 1;
        await checkTempsCleared(temps);
      }
      // Back to the old content for the next round.
      for (const file of changed) await writeFile(path.join(workspace, file), before.get(file) as Buffer);
    }

    // A planted leftover, so that clean-up on start is checked even when no kill landed mid-write.
    const deadPid = Number(
      execFileSync(process.execPath, ['-p', 'process.pid'], { encoding: 'utf8' }).trim(),
    );
    const planted = `src/internal/.Observable.ts.${deadPid}.0badf00d.tmp`;
    await writeFile(path.join(workspace, planted), 'export const torn = ');
    await checkTempsIgnored();
    await checkTempsCleared([planted]);

    recordFigures('leaves-every-file-old-or-new-when-the-writer-is-killed', {
      title: 'A writer killed with SIGKILL in the middle of a rewrite',
      figures: {
        corpus: 'rxjs/src',
        files: before.size,
        files_the_rewrite_changes: changed.length,
        complete_apply_ms: Math.round(applyMs),
        sigkills: ROUNDS,
        files_checked: ROUNDS * before.size,
        files_found_rewritten: rewrittenSeen,
        rounds_with_part_of_the_files_rewritten: totals.partial_rounds,
        torn_files: totals.torn,
        missing_files: totals.missing,
        unexpected_files: totals.unexpected_files,
        temporary_files_left_by_kills: totals.temp_files_left,
        rounds_that_left_temporary_files: tempRounds,
        temporary_files_seen_by_search: 0,
        temporary_files_left_after_next_start: 0,
      },
      notes: [
        'Each file is written to a temporary file beside it, fsynced and renamed over the original, so a kill leaves every file old or new. A kill between two files leaves some files rewritten and others not: an apply is all-or-nothing for the failures the coder survives (stale files, syntax errors), not for SIGKILL — git shows what was written, and running the same rewrite again finishes it.',
        'Temporary files of cut-short writes (.<name>.<pid>.<hex>.tmp) are skipped by every walk, include_hidden or not, and the next coder start removes those whose writer is gone (a planted one is checked in every run).',
        ...(heavy ? [] : ['TANDEM_RELIABILITY=heavy runs 120 kills.']),
      ],
    });

    // The kills landed during the writes, not only before or after them.
    expect(totals.partial_rounds).toBeGreaterThan(0);
    expect(totals.torn).toBe(0);
    expect(totals.missing).toBe(0);
    expect(totals.unexpected_files).toBe(0);
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
