// The embedded store: records survive a new store object (a restart), a corrupt record is reported
// and the others are served, updates of one record never interleave, and ids cannot name a path.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { CorruptRecordError, newRecordId, RecordStore } from '../src/store/record-store.js';

const note = z.object({ title: z.string(), count: z.number().int() });
let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-store-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

it('keeps records across store objects and deletes them', async () => {
  await new RecordStore(root, 'notes', note).put('n-1', { title: 'first', count: 1 });
  const reopened = new RecordStore(root, 'notes', note);
  expect(await reopened.get('n-1')).toEqual({ title: 'first', count: 1 });
  expect(await reopened.get('n-2')).toBeUndefined();
  expect(await reopened.delete('n-1')).toBe(true);
  expect(await reopened.delete('n-1')).toBe(false);
  expect((await reopened.list()).records).toEqual([]);
});

it('reports a corrupt record by file and serves the others', async () => {
  const store = new RecordStore(root, 'notes', note);
  await store.put('good', { title: 'kept', count: 2 });
  await writeFile(path.join(store.dir, 'broken.json'), '{"title": "half');
  await writeFile(path.join(store.dir, 'wrong.json'), '{"title": 3, "count": 1}');
  const listing = await store.list();
  expect(listing.records).toEqual([{ id: 'good', value: { title: 'kept', count: 2 } }]);
  expect(listing.problems.map((problem) => [problem.file, problem.message.split(' (')[0]])).toEqual([
    ['.tandem/notes/broken.json', 'not valid JSON'],
    ['.tandem/notes/wrong.json', 'not a valid record'],
  ]);
  await expect(store.get('broken')).rejects.toBeInstanceOf(CorruptRecordError);
});

it('reports a collection that is not a directory instead of throwing', async () => {
  await mkdir(path.join(root, '.tandem'), { recursive: true });
  await writeFile(path.join(root, '.tandem', 'notes'), 'not a folder');
  const listing = await new RecordStore(root, 'notes', note).list();
  expect(listing.records).toEqual([]);
  expect(listing.problems).toHaveLength(1);
  expect(listing.problems[0]?.file).toBe('.tandem/notes');
});

it('runs updates of one record one after the other', async () => {
  const store = new RecordStore(root, 'notes', note);
  await store.put('counter', { title: 'c', count: 0 });
  await Promise.all(
    Array.from({ length: 25 }, () =>
      store.update('counter', async (current) => {
        const count = current?.count ?? 0;
        await new Promise((resolve) => setTimeout(resolve, 1));
        return { title: 'c', count: count + 1 };
      }),
    ),
  );
  expect((await store.get('counter'))?.count).toBe(25);
  // No temporary file is left behind.
  expect(await readdir(store.dir)).toEqual(['counter.json']);
});

it('refuses ids that could name a path, and invalid records on write', async () => {
  const store = new RecordStore(root, 'notes', note);
  for (const id of ['../escape', 'a/b', '', 'UPPER', 'x'.repeat(65), 'nul\0']) {
    await expect(store.get(id), id).rejects.toThrow(/is not a valid id/);
  }
  await expect(store.put('bad', { title: 'x', count: 1.5 } as never)).rejects.toThrow();
  expect(newRecordId('thread')).toMatch(/^thread-\d{14}-[0-9a-f]{6}$/);
});
