// A refactor cancelled while its validation runs keeps nothing: the validation's process tree is
// stopped and every touched file gets its original bytes back.
import { access, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { pollUntil } from './support/processes.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

let root: string | undefined;
let orchestrator: ConnectedOrchestrator | undefined;

afterEach(async () => {
  await orchestrator?.close();
  if (root) await removeCopy(root);
});

it('restores the touched file when the caller cancels mid-validation', async () => {
  root = await sampleRepoCopy('refactor:\n  lock_timeout_s: 10\n');
  await writeFile(
    path.join(root, 'justfile'),
    'set shell := ["bash", "-cu"]\n\nagent-validate:\n    touch validation-started\n    sleep 60\n',
  );
  const report = path.join(root, 'scripts', 'report.py');
  const before = await readFile(report);
  orchestrator = await connectOrchestrator(root);
  const controller = new AbortController();
  const call = orchestrator.client.callTool(
    {
      name: 'refactor',
      arguments: {
        pattern: 'summary.income += $X',
        rewrite: 'summary.income -= $X',
        language: 'python',
        dry_run: false,
      },
    },
    undefined,
    { signal: controller.signal, timeout: 120_000 },
  );
  const settled = call.then(
    () => 'resolved',
    () => 'rejected',
  );
  const started = path.join(root, 'validation-started');
  await pollUntil(
    'validation to start',
    () =>
      access(started).then(
        () => true,
        () => undefined,
      ),
    30_000,
  );
  // The change is in place while validation runs.
  expect(await readFile(report, 'utf8')).toContain('summary.income -= cents');
  controller.abort();
  expect(await settled).toBe('rejected');
  const restored = await pollUntil(
    'the file to be restored',
    async () => ((await readFile(report)).equals(before) ? true : undefined),
    30_000,
  );
  expect(restored).toBe(true);
  // The orchestrator serves the next call, and the file's lock is free: an apply goes through.
  const next = await orchestrator.client.callTool({
    name: 'refactor',
    arguments: {
      pattern: 'summary.income += $X',
      rewrite: 'summary.income -= $X',
      language: 'python',
      dry_run: false,
      validate: false,
    },
  });
  expect(next.structuredContent).toMatchObject({ outcome: 'kept' });
}, 90_000);
