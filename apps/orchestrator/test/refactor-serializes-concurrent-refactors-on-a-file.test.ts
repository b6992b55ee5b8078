// Two refactors of the same file at once run one after the other: the second plans again under the
// lock, so it applies on top of the first one's result or refuses, and no write of one lands inside
// the other's validation. The validation recipe logs the file's hash when it starts and ends.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callRefactor } from './support/refactor.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

const JUSTFILE = `set shell := ["bash", "-cu"]

agent-validate:
    echo "start $(sha256sum scripts/report.py | cut -c1-16)" >> validate.log
    sleep 0.5
    python3 -m unittest discover -s tests -q
    echo "end $(sha256sum scripts/report.py | cut -c1-16)" >> validate.log
`;

let root: string | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  if (root) await removeCopy(root);
});

it('serializes two refactors of the same file: each validates its own state, both land', async () => {
  root = await sampleRepoCopy();
  await writeFile(path.join(root, 'justfile'), JUSTFILE);
  orchestrator = await connectOrchestrator(root);
  const income = {
    pattern: 'summary.income += $X',
    rewrite: 'summary.income = summary.income + $X',
    language: 'python',
    dry_run: false,
  };
  const expenses = {
    pattern: 'expenses[tx["to"]] += $X',
    rewrite: 'expenses[tx["to"]] = expenses[tx["to"]] + $X',
    language: 'python',
    dry_run: false,
  };
  const [first, second] = await Promise.all([
    callRefactor(orchestrator, income),
    callRefactor(orchestrator, expenses),
  ]);
  expect(first.output?.outcome, first.text).toBe('kept');
  expect(second.output?.outcome, second.text).toBe('kept');

  const report = await readFile(path.join(root, 'scripts', 'report.py'), 'utf8');
  expect(report).toContain('summary.income = summary.income + cents');
  expect(report).toContain('expenses[tx["to"]] = expenses[tx["to"]] + cents');

  // start/end pairs, never overlapping, the file unchanged within each validation and different
  // between the two (the second validated both changes).
  const log = (await readFile(path.join(root, 'validate.log'), 'utf8')).trim().split('\n');
  expect(log).toHaveLength(4);
  const [s1, e1, s2, e2] = log.map((line) => line.split(' '));
  expect([s1?.[0], e1?.[0], s2?.[0], e2?.[0]]).toEqual(['start', 'end', 'start', 'end']);
  expect(e1?.[1]).toBe(s1?.[1]);
  expect(e2?.[1]).toBe(s2?.[1]);
  expect(s2?.[1]).not.toBe(s1?.[1]);
  // Lock files are gone once both are done.
  expect(await readdir(path.join(root, '.tandem', 'locks'))).toEqual([]);
});

it('the second refactor refuses when the first one removed what it was to change', async () => {
  root = await sampleRepoCopy();
  await writeFile(path.join(root, 'justfile'), JUSTFILE);
  orchestrator = await connectOrchestrator(root);
  const rewrite = (to: string) => ({
    pattern: 'summary.income += $X',
    rewrite: `summary.income = ${to}`,
    language: 'python',
    dry_run: false,
  });
  const calls = await Promise.all([
    callRefactor(orchestrator, rewrite('summary.income + $X')),
    callRefactor(orchestrator, rewrite('$X + summary.income')),
  ]);
  // Both planned against the original file; whichever locked it second planned again and found no
  // `+=` left: it refuses instead of writing over the first one's result.
  const kept = calls.filter((call) => call.output?.outcome === 'kept');
  const refused = calls.filter((call) => call.isError);
  expect(kept).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(refused[0]?.text).toMatch(/^Nothing was changed: the pattern no longer matches anything\./);
  const report = await readFile(path.join(root, 'scripts', 'report.py'), 'utf8');
  expect(report.match(/summary\.income = /g)).toHaveLength(1);
  expect((await readFile(path.join(root, 'validate.log'), 'utf8')).trim().split('\n')).toHaveLength(2);
});

it('refactors of different files plan side by side but validate one at a time', async () => {
  root = await sampleRepoCopy();
  await writeFile(
    path.join(root, 'justfile'),
    'agent-validate:\n    echo start >> validate.log\n    sleep 0.5\n    echo end >> validate.log\n',
  );
  await writeFile(path.join(root, 'scripts', 'tally.py'), 'count = 0\ncount += 1\n');
  orchestrator = await connectOrchestrator(root);
  const [first, second] = await Promise.all([
    callRefactor(orchestrator, {
      pattern: 'summary.income += $X',
      rewrite: 'summary.income = summary.income + $X',
      language: 'python',
      paths: ['scripts/report.py'],
      dry_run: false,
    }),
    callRefactor(orchestrator, {
      pattern: 'count += $X',
      rewrite: 'count = count + $X',
      language: 'python',
      paths: ['scripts/tally.py'],
      dry_run: false,
    }),
  ]);
  expect(first.output?.outcome, first.text).toBe('kept');
  expect(second.output?.outcome, second.text).toBe('kept');
  // Two whole start/end pairs: the second validation began after the first had ended.
  const log = (await readFile(path.join(root, 'validate.log'), 'utf8')).trim().split('\n');
  expect(log).toEqual(['start', 'end', 'start', 'end']);
});
