import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SECTIONS } from '../src/config/schema.js';
import { loadConfig } from '../src/index.js';

const DOC = fileURLToPath(new URL('../../../docs/configuration.md', import.meta.url));

describe('docs/configuration.md', () => {
  let root: string | undefined;
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('holds a complete example that loads without errors or warnings and sets every section', async () => {
    const doc = await readFile(DOC, 'utf8');
    const example = /## Complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    root = await mkdtemp(path.join(os.tmpdir(), 'tandem-config-doc-'));
    await mkdir(path.join(root, '.tandem'));
    await writeFile(path.join(root, '.tandem', 'config.yaml'), example ?? '');
    const loaded = loadConfig(root);
    expect(loaded.warnings).toEqual([]);
    const written = Object.keys((await import('yaml')).parse(example ?? '') as Record<string, unknown>);
    expect(written.sort()).toEqual(Object.keys(CONFIG_SECTIONS).sort());
    expect(loaded.config.roles.reviewer).toBeDefined();
  });
});
