// Parses the workspace in the background once the client is initialized, as a language server
// indexes: an agent's first search then finds most trees ready instead of parsing every file in the
// call. One file at a time, bounded in files and bytes, and paused while any tool is scanning, so it
// never competes with a call. TANDEM_CODER_PREWARM=off turns the parsing off; the walk still runs,
// to remove the temporary files of writes a killed coder left behind.
import path from 'node:path';
import type { Logger } from '@tandem/shared';
import { walkFiles } from './files.js';
import type { LanguageRegistry } from './languages.js';
import { targetsOf } from './search.js';
import { removeStaleTemp } from './source-file.js';
import type { TreeCache } from './tree-cache.js';

export interface PrewarmLimits {
  maxFiles: number;
  /** Source bytes parsed at most (the trees take several times this in napi's memory). */
  maxBytes: number;
}

export const PREWARM_LIMITS: PrewarmLimits = { maxFiles: 5000, maxBytes: 24 * 1024 * 1024 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export async function prewarm(
  root: string,
  languages: LanguageRegistry,
  cache: TreeCache,
  logger: Logger,
  limits: PrewarmLimits = PREWARM_LIMITS,
): Promise<void> {
  const started = performance.now();
  const walked = await walkFiles({ root, maxFiles: limits.maxFiles });
  // The start-up walk is also where a killed writer's temporary files are cleared away.
  let removed = 0;
  for (const temp of walked.atomicTemps) if (await removeStaleTemp(path.join(root, temp))) removed += 1;
  if (removed > 0) logger.info(`removed ${removed} temporary files left by an interrupted write`);
  if (process.env.TANDEM_CODER_PREWARM === 'off') return;
  const { targets } = targetsOf(root, walked.files, languages);
  let parsed = 0;
  for (const target of targets) {
    while (cache.isBusy) await pause(25);
    if (cache.size >= limits.maxBytes) break;
    const loaded = cache.source(path.join(root, target.relative));
    if ('skipped' in loaded) continue;
    await cache.tree(loaded.source, target.lang);
    parsed += 1;
  }
  logger.debug(
    `warm-up parsed ${parsed} of ${targets.length} files in ${Math.round(performance.now() - started)} ms`,
  );
}
