// What refactor refuses before anything is written: protected paths (configured and built in), more
// files than refactor.max_files, change ids whose files changed since the dry run.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callRefactor } from './support/refactor.js';
import { gitStatus, removeCopy, sampleRepoCopy } from './support/workspace.js';

const INCOME = {
  pattern: 'summary.income += $X',
  rewrite: 'summary.income = summary.income + $X',
  language: 'python',
};

let root: string | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  if (root) await removeCopy(root);
  orchestrator = undefined;
  root = undefined;
});

async function start(config?: string) {
  root = await sampleRepoCopy(config);
  orchestrator = await connectOrchestrator(root);
  return { root, orchestrator };
}

describe('refactor refuses, writing nothing', () => {
  it('a change to a configured protected path, in the dry run already', async () => {
    const { root, orchestrator } = await start('refactor:\n  protected_paths: ["scripts/**"]\n');
    for (const dryRun of [true, false]) {
      const { isError, text } = await callRefactor(orchestrator, { ...INCOME, dry_run: dryRun });
      expect(isError).toBe(true);
      expect(text).toMatch(
        /^The refactor would write protected paths: scripts\/report\.py\. Nothing was written\./,
      );
    }
    expect(await gitStatus(root)).toEqual([]);
  });

  it('a change inside a built-in protected path (vendor/**), while the config adds its own', async () => {
    const { root, orchestrator } = await start('refactor:\n  protected_paths: ["secrets/**"]\n');
    await mkdir(path.join(root, 'vendor'));
    await writeFile(path.join(root, 'vendor', 'lib.py'), 'def f(summary, x):\n    summary.income += x\n');
    const { isError, text } = await callRefactor(orchestrator, { ...INCOME, dry_run: false });
    expect(isError).toBe(true);
    expect(text).toContain('protected paths: vendor/lib.py');
    expect(await readFile(path.join(root, 'vendor', 'lib.py'), 'utf8')).toContain('summary.income += x');
    expect(await gitStatus(root)).toEqual(['?? vendor/lib.py']);
  });

  it('more files than refactor.max_files', async () => {
    const { root, orchestrator } = await start('refactor:\n  max_files: 1\n');
    const { isError, text } = await callRefactor(orchestrator, {
      pattern: 'export function $F($$$P): $T { $$$B }',
      rewrite: 'export function $F($$$P): $T { $$$B }',
      language: 'typescript',
      dry_run: false,
    });
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^The refactor would change 2 files, more than refactor\.max_files \(1\)\. Nothing was written\./,
    );
    expect(await gitStatus(root)).toEqual([]);
  });

  it('change ids whose file changed since the dry run (a stale apply)', async () => {
    const { root, orchestrator } = await start();
    const dry = await callRefactor(orchestrator, INCOME);
    const ids = dry.output?.change_ids ?? [];
    expect(ids).toHaveLength(1);
    const report = path.join(root, 'scripts', 'report.py');
    const edited = `${await readFile(report, 'utf8')}\n# edited after the dry run\n`;
    await writeFile(report, edited);
    const { isError, text } = await callRefactor(orchestrator, {
      ...INCOME,
      dry_run: false,
      change_ids: ids,
    });
    expect(isError).toBe(true);
    expect(text).toMatch(
      /^Stale change ids: .+ match nothing in the files as they are now .+ Nothing was written\./,
    );
    expect(await readFile(report, 'utf8')).toBe(edited);
  });

  it('an expected_count that does not match', async () => {
    const { root, orchestrator } = await start();
    const { isError, text } = await callRefactor(orchestrator, {
      ...INCOME,
      dry_run: false,
      expected_count: 5,
    });
    expect(isError).toBe(true);
    expect(text).toContain('not the 5 expected');
    expect(await gitStatus(root)).toEqual([]);
  });

  it('change_ids on a dry run, and a validation recipe that does not exist', async () => {
    const { root, orchestrator } = await start('tasks:\n  validate_recipe: agent-missing\n');
    const ids = await callRefactor(orchestrator, { ...INCOME, change_ids: ['abc'] });
    expect(ids.isError).toBe(true);
    expect(ids.text).toMatch(/need dry_run: false/);
    const missing = await callRefactor(orchestrator, { ...INCOME, dry_run: false });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(/no "agent-missing" recipe .+ Nothing was written\./);
    expect(await gitStatus(root)).toEqual([]);
  });
});
