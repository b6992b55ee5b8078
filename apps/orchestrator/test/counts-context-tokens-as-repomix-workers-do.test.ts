// Token counts of a pack are counted in the server's thread (Repomix's own TokenCounter, already
// loaded) instead of in the token-counting workers pack() starts on every call; a large uncounted
// remainder still goes to those workers. Either way the counts are the ones Repomix's workers give.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRepomix } from '../src/context/repomix-api.js';
import { sampleRepo } from './support/paths.js';

interface Runner {
  taskRunner: { run(task: unknown): Promise<number[]>; cleanup(): Promise<void> };
  warmupPromise: Promise<unknown>;
}

const FILES = ['src/ledger.ts', 'src/index.ts', 'README.md', 'justfile'];
const items = FILES.map((file) => ({
  path: file,
  content: readFileSync(path.join(sampleRepo, file), 'utf8'),
}));
/** Well over the 1,000,000 characters counted in this thread at most. */
const many = Array.from(
  { length: Math.ceil(1_200_000 / items.reduce((n, i) => n + i.content.length, 0)) },
  () => items,
).flat();

let saved: string | undefined;
beforeAll(() => {
  // Repomix's on-disk token-count cache would answer for both sides alike.
  saved = process.env.REPOMIX_TOKEN_CACHE;
  process.env.REPOMIX_TOKEN_CACHE = '0';
});
afterAll(() => {
  if (saved === undefined) delete process.env.REPOMIX_TOKEN_CACHE;
  else process.env.REPOMIX_TOKEN_CACHE = saved;
});

async function count(runner: Runner, task: unknown): Promise<number[]> {
  try {
    return await runner.taskRunner.run(task);
  } finally {
    await runner.warmupPromise;
    await runner.taskRunner.cleanup();
  }
}

it("counts as Repomix's workers do, in this thread and over the limit", async () => {
  const lib = path.dirname(createRequire(import.meta.url).resolve('repomix'));
  const metrics = (await import(pathToFileURL(path.join(lib, 'core/metrics/calculateMetrics.js')).href)) as {
    createMetricsTaskRunner: (roots: string[], tasks: number, encoding: string) => Runner;
  };
  const api = await loadRepomix();
  const encoding = 'o200k_base';

  const byWorkers = await count(metrics.createMetricsTaskRunner([sampleRepo], 1, encoding), {
    items,
    encoding,
  });
  expect(byWorkers.every((tokens) => tokens > 0)).toBe(true);
  const inline = await count(api.createMetricsTaskRunner([sampleRepo], 1, encoding) as Runner, {
    items,
    encoding,
  });
  expect(inline).toEqual(byWorkers);

  const overLimit = await count(api.createMetricsTaskRunner([sampleRepo], 1, encoding) as Runner, {
    items: many,
    encoding,
  });
  expect(overLimit).toEqual(many.map((_, index) => byWorkers[index % items.length]));
}, 60_000);
