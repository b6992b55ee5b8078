// Full context packs on disk under <root>/.tandem/context/, so read_context works after a restart:
// <id>.pack holds the pack, <id>.json what is known about it and the results already given for it
// per token budget. Only the most recently used `maxPacks` are kept.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { getCodebaseContextOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';

export const CONTEXT_DIR = path.join('.tandem', 'context');

export type ContextResult = z.input<typeof getCodebaseContextOutput>;

export interface PackMeta {
  output_id: string;
  created_at: string;
  style: string;
  full_tokens: number;
  full_lines: number;
  full_bytes: number;
  /** Results given for this pack, by token budget; `content` is empty when it is the pack itself. */
  results: Record<string, { result: ContextResult; content_is_pack: boolean }>;
}

export interface StoredPack {
  meta: PackMeta;
  text: string;
}

async function writeAtomically(file: string, data: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}

export class PackStore {
  readonly dir: string;
  /** The last pack read, kept in memory: read_context is usually called several times in a row. */
  private recent: StoredPack | undefined;

  constructor(
    root: string,
    private readonly maxPacks: number,
  ) {
    this.dir = path.join(root, CONTEXT_DIR);
  }

  private packFile(id: string): string {
    return path.join(this.dir, `${id}.pack`);
  }

  private metaFile(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  /** Whether any kept pack's id starts with `prefix`. */
  async hasPrefix(prefix: string): Promise<boolean> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.some((name) => name.startsWith(prefix) && name.endsWith('.json'));
  }

  async meta(id: string): Promise<PackMeta | undefined> {
    try {
      const meta = JSON.parse(await readFile(this.metaFile(id), 'utf8')) as PackMeta;
      await stat(this.packFile(id));
      return meta;
    } catch {
      return undefined;
    }
  }

  async read(id: string): Promise<StoredPack | undefined> {
    if (this.recent?.meta.output_id === id) return this.recent;
    const meta = await this.meta(id);
    if (!meta) return undefined;
    const text = await readFile(this.packFile(id), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    this.recent = { meta, text };
    await this.touch(id);
    return this.recent;
  }

  async save(pack: StoredPack): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const id = pack.meta.output_id;
    await writeAtomically(this.packFile(id), pack.text);
    await writeAtomically(this.metaFile(id), JSON.stringify(pack.meta));
    this.recent = pack;
    await this.prune();
  }

  async saveMeta(meta: PackMeta): Promise<void> {
    await writeAtomically(this.metaFile(meta.output_id), JSON.stringify(meta));
    if (this.recent?.meta.output_id === meta.output_id) this.recent = { ...this.recent, meta };
  }

  /** Marks a pack as used now, so pruning keeps it. */
  async touch(id: string): Promise<void> {
    const now = new Date();
    await utimes(this.metaFile(id), now, now).catch(() => undefined);
  }

  private async prune(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const metas = await Promise.all(
      names
        .filter((name) => name.endsWith('.json'))
        .map(async (name) => ({
          id: name.slice(0, -'.json'.length),
          used: (await stat(path.join(this.dir, name)).catch(() => undefined))?.mtimeMs ?? 0,
        })),
    );
    metas.sort((a, b) => b.used - a.used);
    for (const { id } of metas.slice(this.maxPacks)) {
      await rm(this.packFile(id), { force: true });
      await rm(this.metaFile(id), { force: true });
      if (this.recent?.meta.output_id === id) this.recent = undefined;
    }
  }
}
