// A selection over the size ceiling (context.max_input_bytes, set tiny here instead of allocating
// hundreds of megabytes) is refused with a suggestion, before anything is read; V8's own
// "Invalid string length" is turned into the same clear error; the server keeps serving.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ToolError } from '@tandem/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainTooLarge } from '../src/context/codebase-context.js';
import { copySampleRepo, getContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

describe('over the configured ceiling', () => {
  let orchestrator: ConnectedOrchestrator;
  let workspace: ReturnType<typeof copySampleRepo>;

  beforeAll(async () => {
    workspace = copySampleRepo();
    mkdirSync(path.join(workspace.root, '.tandem'), { recursive: true });
    writeFileSync(path.join(workspace.root, '.tandem', 'config.yaml'), 'context:\n  max_input_bytes: 4096\n');
    orchestrator = await connectOrchestrator(workspace.root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    workspace?.remove();
  });

  it('refuses the whole repository with a suggestion, and packs a narrower include', async () => {
    const refused = await getContext(orchestrator.client);
    expect(refused.isError).toBe(true);
    expect(refused.text).toMatch(/too large to pack: \d+ files, [\d.]+ MiB \(the limit is 0\.0 MiB\)/);
    expect(refused.text).toMatch(/Narrow `include`/);
    expect(refused.text).toMatch(/compress: true/);

    const narrow = await getContext(orchestrator.client, { include: ['src/format.ts'] });
    expect(narrow.isError).toBe(false);
    expect(narrow.structured.total_files).toBe(1);
  });
});

describe("V8's string limit", () => {
  const selection = { totalBytes: 600 * 1024 * 1024, maxBytes: 256 * 1024 * 1024, files: 12 };

  it('becomes a clear error with a suggestion', async () => {
    // A real RangeError from V8, thrown before anything is allocated: the length is over its limit.
    const error = await explainTooLarge(async () => 'x'.repeat(2 ** 30), selection).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolError);
    expect((error as ToolError).message).toMatch(/too large to pack: 12 files, 600\.0 MiB/);
    expect((error as ToolError).hint).toMatch(/Narrow `include`/);
  });

  it('lets other errors through unchanged', async () => {
    const other = new RangeError('Maximum call stack size exceeded');
    await expect(
      explainTooLarge(async () => {
        throw other;
      }, selection),
    ).rejects.toBe(other);
  });
});
