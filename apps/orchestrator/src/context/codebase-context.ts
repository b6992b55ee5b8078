// get_codebase_context: a Repomix pack of the workspace, in process, within a token budget. The full
// pack is kept under an output_id for read_context; a repeat over unchanged files is answered from
// the kept result.
import { createHash } from 'node:crypto';
import { type ContextConfig, type Logger, type Redactor, ToolError } from '@tandem/shared';
import type { getCodebaseContextInput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { degrade } from './degrade.js';
import { FileHasher, tooLarge } from './file-hasher.js';
import { insideRoot } from './inside-root.js';
import { type ContextResult, type PackMeta, PackStore } from './pack-store.js';
import { type MergedConfig, type ProcessedFile, type RepomixApi, withRepomix } from './repomix-api.js';

export type ContextRequest = z.output<typeof getCodebaseContextInput>;

/** Bumped when the shape of kept results changes, so older ones are not served. */
const CACHE_VERSION = 1;
const ALWAYS_IGNORED = ['.tandem/**'];
const MAX_RESULTS_PER_PACK = 8;

export interface ContextCall {
  signal: AbortSignal;
  logger: Logger;
  progress: (progress: number, total?: number, message?: string) => Promise<void>;
}

interface Workspace {
  hasher: FileHasher;
  store: PackStore;
}

const workspaces = new Map<string, Workspace>();

export function workspaceOf(root: string, config: ContextConfig): Workspace {
  let workspace = workspaces.get(root);
  if (!workspace) {
    workspace = { hasher: new FileHasher(root), store: new PackStore(root, config.max_packs) };
    workspaces.set(root, workspace);
  }
  return workspace;
}

function repomixConfig(api: RepomixApi, root: string, request: ContextRequest): MergedConfig {
  return api.mergeConfigs(
    root,
    {},
    {
      include: request.include ?? [],
      ignore: { customPatterns: [...(request.ignore ?? []), ...ALWAYS_IGNORED] },
      output: {
        style: request.style,
        compress: request.compress,
        // Git history would make the same files pack differently; the cache keys contents alone.
        git: { sortByChanges: false },
      },
      // Spelled out: the workspace's own repomix.config.json is never read, so nothing turns it off.
      security: { enableSecurityCheck: true },
    },
  );
}

/**
 * Runs a pack, turning V8's refusal to build a string that large (RangeError: Invalid string length)
 * or a buffer that large into the same clear error as the size ceiling.
 */
export async function explainTooLarge<T>(
  work: () => Promise<T>,
  selection: { totalBytes: number; maxBytes: number; files: number },
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RangeError && /Invalid string length|Array buffer allocation/i.test(error.message)) {
      throw tooLarge(selection.totalBytes, selection.maxBytes, selection.files);
    }
    throw error;
  }
}

export async function getCodebaseContext(
  root: string,
  request: ContextRequest,
  config: ContextConfig,
  redactor: Redactor,
  call: ContextCall,
): Promise<ContextResult> {
  const { hasher, store } = workspaceOf(root, config);
  const checkpoint = () => call.signal.throwIfAborted();
  const started = performance.now();
  const phases: Record<string, number> = {};
  const lap = (phase: string) => {
    phases[phase] = Math.round(performance.now() - started);
  };
  return withRepomix(async (api) => {
    lap('repomix_loaded_ms');
    checkpoint();
    const repomix = repomixConfig(api, root, request);
    // Repomix's search fails on what the include globs lead it into (a symlink loop, say): the
    // caller's selection, so a ToolError that says why rather than an internal error.
    const found = await api.searchFiles(root, repomix).catch((error: unknown) => {
      throw new ToolError(`The files could not be listed: ${(error as Error).message}`, {
        hint: 'Narrow or fix the `include` globs; symbolic links that loop or leave the root are not followed.',
      });
    });
    // Globs are refused when they spell `..`, but a brace expansion could still produce one, and
    // the search follows symbolic links: whatever really lies outside the root is dropped here.
    const search = { ...found, filePaths: found.filePaths.filter(insideRoot(root)) };
    if (search.filePaths.length === 0) {
      throw new ToolError('No files match: everything was excluded by include, ignore or .gitignore.', {
        hint: 'Check the `include` globs (relative to the root, e.g. "src/**/*.ts").',
      });
    }
    lap('searched_ms');
    const selection = await hasher.stat(search.filePaths, config.max_input_bytes);
    // The id is the options' hash, then the hash of options and contents: a cache hit is only
    // possible when some kept pack has the same options, and only then must the hash come first.
    const options = createHash('sha256')
      .update(
        JSON.stringify([
          CACHE_VERSION,
          request.include ?? [],
          request.ignore ?? [],
          request.compress,
          request.style,
        ]),
      )
      .digest('hex');
    const prefix = `ctx_${options.slice(0, 6)}`;
    const idOf = (digest: string) =>
      `${prefix}${createHash('sha256').update(options).update(digest).digest('hex').slice(0, 10)}`;
    const budgetKey = `budget ${request.token_budget}`;

    // Nothing can hit without a kept pack of these options: then the contents are hashed as
    // Repomix reads them for the pack, instead of being read twice.
    let outputId: string | undefined;
    let kept: PackMeta | undefined;
    if (await store.hasPrefix(prefix)) {
      outputId = idOf(await hasher.digest(selection));
      kept = await store.meta(outputId);
      const keptResult = kept?.results[budgetKey];
      if (kept && keptResult) {
        const content = keptResult.content_is_pack
          ? (await store.read(outputId))?.text
          : keptResult.result.content;
        if (content !== undefined) {
          await store.touch(outputId);
          lap('cached_ms');
          call.logger.debug('context served from the cache', { output_id: outputId, ...phases });
          return { ...keptResult.result, content, cached: true };
        }
      }
    }

    checkpoint();
    await call.progress(1, 3, `packing ${search.filePaths.length} files`);
    let fullOutput: string | undefined;
    const read = new Map<string, string>();
    let allFilePaths: string[] = [];
    const packed = await explainTooLarge(
      () =>
        api.pack([root], repomix, () => {}, {
          // The search just made is the selection the cache key covers.
          searchFiles: async () => search,
          collectFiles: async (...args: Parameters<RepomixApi['collectFiles']>) => {
            const collected = await api.collectFiles(...args);
            for (const file of collected.rawFiles) read.set(file.path, file.content);
            // At about 4 bytes a token this pack will not fit: the fitting needs the tokenizer
            // (unless the warm-up loaded it), which then loads while Repomix's secret-check workers
            // run and this thread would wait — after the files are read, not in their way.
            if (selection.totalBytes > request.token_budget * 3) {
              api.tokenCounter().catch(() => undefined);
              // The fitting compresses (unless the pack is compressed already): the grammars too.
              if (!request.compress) {
                api.prepareCompression(search.filePaths, repomix).catch(() => undefined);
              }
            }
            return collected;
          },
          createMetricsTaskRunner: api.createMetricsTaskRunner as never,
          produceOutput: (async (...args: Parameters<RepomixApi['produceOutput']>) => {
            const [rootDirs, merged, processed, paths, diff, log, onProgress, byRoot, emptyDirs] = args;
            allFilePaths = paths;
            const produced = await api.produceOutput(
              rootDirs,
              merged,
              processed,
              paths,
              diff,
              log,
              onProgress,
              byRoot,
              emptyDirs,
              { writeOutputToDisk: async () => {}, copyToClipboardIfEnabled: async () => {} },
            );
            const output = produced.outputForMetrics;
            fullOutput = Array.isArray(output) ? output.join('') : output;
            return produced;
          }) as never,
        }),
      { totalBytes: selection.totalBytes, maxBytes: config.max_input_bytes, files: search.filePaths.length },
    );
    if (fullOutput === undefined) throw new Error('Repomix produced no output.');
    outputId ??= idOf(await hasher.digest(selection, read));
    lap('packed_ms');

    checkpoint();
    await call.progress(2, 3, `fitting ${packed.totalTokens} tokens into ${request.token_budget}`);
    const files: ProcessedFile[] = packed.processedFiles;
    const degraded = await degrade({
      api,
      root,
      outputId,
      config: repomix,
      budget: request.token_budget,
      files,
      allFilePaths,
      fileTokens: packed.fileTokenCounts,
      fullOutput,
      fullTokens: packed.totalTokens,
      finalize: (text) => redactor.redactSync(text),
      checkpoint,
    });

    lap('fitted_ms');
    const suspicious = await Promise.all(
      packed.suspiciousFilesResults.map(async (entry) => ({
        path: entry.filePath,
        findings: await Promise.all(entry.messages.map((message) => redactor.redact(message))),
      })),
    );
    const fullLines = countLines(fullOutput);
    const result: ContextResult = {
      output_id: outputId,
      cached: false,
      style: request.style,
      token_budget: request.token_budget,
      ...degraded,
      full_tokens: packed.totalTokens,
      full_lines: fullLines,
      total_files: packed.totalFiles,
      suspicious_files: suspicious,
      skipped_files: packed.skippedFiles.map((file) => ({ path: file.path, reason: file.reason })),
    };

    await call.progress(3, 3, 'keeping the pack');
    const meta = kept ?? {
      output_id: outputId,
      created_at: new Date().toISOString(),
      style: request.style,
      full_tokens: packed.totalTokens,
      full_lines: fullLines,
      full_bytes: Buffer.byteLength(fullOutput),
      results: {},
    };
    const contentIsPack = result.content === fullOutput;
    delete meta.results[budgetKey];
    meta.results[budgetKey] = {
      result: { ...result, content: contentIsPack ? '' : result.content },
      content_is_pack: contentIsPack,
    };
    // A few budgets per pack are remembered, the most recent ones.
    for (const budget of Object.keys(meta.results).slice(0, -MAX_RESULTS_PER_PACK))
      delete meta.results[budget];
    // The same id is the same files and options: a pack already kept is already this text.
    if (kept) await store.saveMeta(meta);
    else await store.save({ meta, text: fullOutput });
    lap('kept_ms');
    call.logger.debug('context packed', { output_id: outputId, step: result.step, ...phases });
    return result;
  });
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}
