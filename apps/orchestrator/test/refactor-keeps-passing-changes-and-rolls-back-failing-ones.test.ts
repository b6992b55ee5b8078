// refactor as a transaction on a copy of the sample repo, whose agent-validate runs the Python unit
// tests of scripts/report.py: a rewrite that keeps them green is kept, one that breaks them is rolled
// back byte for byte, and unrelated changes in a dirty working tree are never touched.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callRefactor } from './support/refactor.js';
import { gitStatus, removeCopy, sampleRepoCopy } from './support/workspace.js';

const REPORT = 'scripts/report.py';
const KEEPS_TESTS_GREEN = {
  pattern: 'sum(self.expenses.values())',
  rewrite: 'sum(cents for cents in self.expenses.values())',
  language: 'python',
};
const BREAKS_TESTS = { pattern: 'summary.income += $X', rewrite: 'summary.income -= $X', language: 'python' };

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

const read = (root: string, file: string) => readFile(path.join(root, file));

describe('refactor', () => {
  it('dry run by default: shows the diff and change ids and writes nothing', async () => {
    const { root, orchestrator } = await start();
    const before = await read(root, REPORT);
    const { isError, output, text } = await callRefactor(orchestrator, KEEPS_TESTS_GREEN);
    expect(isError, text).toBe(false);
    expect(output).toMatchObject({
      outcome: 'dry_run',
      dry_run: true,
      kept: false,
      total_changes: 1,
      validation: null,
    });
    expect(output?.files[0]?.diff).toContain(
      '+        return sum(cents for cents in self.expenses.values())',
    );
    expect(output?.change_ids).toEqual([output?.files[0]?.file_id]);
    expect(text).toContain(`change_ids: ["${output?.files[0]?.file_id}"], expected_count: 1`);
    expect(await read(root, REPORT)).toEqual(before);
    expect(await gitStatus(root)).toEqual([]);
  });

  it('keeps a change that passes validation, leaving an unrelated dirty file alone', async () => {
    const { root, orchestrator } = await start();
    const unrelated = path.join(root, 'src', 'format.ts');
    await writeFile(unrelated, `${await readFile(unrelated, 'utf8')}// work in progress\n`);
    const dirty = await readFile(unrelated);

    const { isError, output, text } = await callRefactor(orchestrator, {
      ...KEEPS_TESTS_GREEN,
      dry_run: false,
    });
    expect(isError, text).toBe(false);
    expect(output).toMatchObject({ outcome: 'kept', kept: true, restored: [], total_changes: 1 });
    expect(output?.validation).toMatchObject({ passed: true, recipe: 'agent-validate', exit_code: 0 });
    expect(await readFile(path.join(root, REPORT), 'utf8')).toContain(
      'sum(cents for cents in self.expenses.values())',
    );
    expect(await readFile(unrelated)).toEqual(dirty);
    expect((await gitStatus(root)).sort()).toEqual([' M scripts/report.py', ' M src/format.ts']);
  });

  it('rolls back a change that breaks the tests, byte for byte, even in a dirty file', async () => {
    const { root, orchestrator } = await start();
    // The touched file has uncommitted work of its own, and an odd mode: both must come back.
    const report = path.join(root, REPORT);
    await writeFile(report, `${await readFile(report, 'utf8')}\n# uncommitted note\n`);
    const { chmod } = await import('node:fs/promises');
    await chmod(report, 0o751);
    const before = await readFile(report);
    const unrelated = path.join(root, 'src', 'ledger.ts');
    await writeFile(unrelated, 'export const wip = 1;\n');

    const { isError, output, text } = await callRefactor(orchestrator, { ...BREAKS_TESTS, dry_run: false });
    expect(isError, text).toBe(false);
    expect(output).toMatchObject({ outcome: 'rolled_back', kept: false, total_changes: 1 });
    expect(output?.validation).toMatchObject({ passed: false, recipe: 'agent-validate' });
    expect(output?.validation?.failing_step?.kind).toBe('test');
    expect(output?.restored).toEqual([
      { file: REPORT, rewritten: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), verified: true },
    ]);
    expect(text).toMatch(/Rolled back: 1 file\(s\) restored byte for byte and verified by SHA-256/);
    expect(await readFile(report)).toEqual(before);
    expect((await stat(report)).mode & 0o7777).toBe(0o751);
    expect(await readFile(unrelated, 'utf8')).toBe('export const wip = 1;\n');
  });

  it('rolls back when the validation recipe itself fails on purpose', async () => {
    const { root, orchestrator } = await start();
    await writeFile(path.join(root, 'justfile'), 'agent-validate:\n    echo "checking"\n    exit 3\n');
    const before = await read(root, REPORT);
    const { isError, output, text } = await callRefactor(orchestrator, {
      ...KEEPS_TESTS_GREEN,
      dry_run: false,
    });
    expect(isError, text).toBe(false);
    expect(output).toMatchObject({ outcome: 'rolled_back', kept: false });
    expect(output?.validation).toMatchObject({ passed: false, exit_code: 3 });
    expect(await read(root, REPORT)).toEqual(before);
  });

  it('applies without validating when validate is false', async () => {
    const { root, orchestrator } = await start();
    const { output, text } = await callRefactor(orchestrator, {
      ...BREAKS_TESTS,
      dry_run: false,
      validate: false,
    });
    expect(output, text).toMatchObject({ outcome: 'kept', kept: true, validation: null });
    expect(await readFile(path.join(root, REPORT), 'utf8')).toContain('summary.income -= cents');
  });

  it('applies exactly the ids of an earlier dry run', async () => {
    const { root, orchestrator } = await start();
    const dry = await callRefactor(orchestrator, {
      pattern: 'console.log($$$A)',
      rewrite: 'console.error($$$A)',
      language: 'typescript',
    });
    const id = dry.output?.files[0]?.changes[1]?.id;
    expect(id).toMatch(/^[0-9a-z]+:2$/);
    const { output, text } = await callRefactor(orchestrator, {
      pattern: 'console.log($$$A)',
      rewrite: 'console.error($$$A)',
      language: 'typescript',
      dry_run: false,
      validate: false,
      change_ids: [id],
      expected_count: 1,
    });
    expect(output, text).toMatchObject({ outcome: 'kept', total_changes: 1, change_ids: [id] });
    const ledger = await readFile(path.join(root, 'src', 'ledger.ts'), 'utf8');
    expect(ledger).toContain('console.log(`Loaded');
    expect(ledger).toMatch(/console\.error\(`\$\{id\.padEnd\(12\)\}/);
  });
});
