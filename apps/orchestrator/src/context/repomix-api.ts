// Repomix 1.18.1, loaded on first use (it pulls in tree-sitter, secretlint and a tokenizer: too heavy
// for start-up) and run one call at a time with its logger silenced.
//
// The functions are the ones the package root exports (pack, mergeConfigs, searchFiles,
// collectFiles, processFiles, TokenCounter), imported from their own modules of the pinned version:
// the root also loads Repomix's CLI and MCP server, about a third more import time on the first call.
// Some are not exported at all:
// - the logger: the root has setLogLevel but no getter, and the level must be restored after a call;
// - produceOutput: pack() always writes its output to a file or to stdout; a produceOutput told to
//   skip the write is the only way to get the output as a string in process;
// - generateOutput: assembles a pack of fewer files (fitting a budget) without packing again;
// - processContent and getFileManipulator: what its file-processing worker runs, run in this thread;
// - createMetricsTaskRunner: pack()'s token-counting workers, replaced by counting in this thread
//   when little is left to count (see inlineMetrics).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Repomix from 'repomix';

type MergedConfig = Parameters<typeof Repomix.pack>[1];
type ProcessedFile = Awaited<ReturnType<typeof Repomix.processFiles>>[number];

/** Repomix's SILENT level: nothing is printed (its logger writes to stdout, which is JSON-RPC's). */
const SILENT = -1;
/** Its default level: debug lines (the tokenizer's load time) are not printed. */
export const REPOMIX_INFO = 2;

interface RepomixLogger {
  getLogLevel(): number;
  setLogLevel(level: number): void;
}

interface ProduceOutputResult {
  outputFiles?: string[];
  outputForMetrics: string | string[];
}

/** pack()'s nine positional arguments, then produceOutput's own dependencies. */
export type ProduceOutput = (
  rootDirs: string[],
  config: MergedConfig,
  processedFiles: ProcessedFile[],
  allFilePaths: string[],
  gitDiffResult: unknown,
  gitLogResult: unknown,
  progressCallback: unknown,
  filePathsByRoot: unknown,
  emptyDirPaths: unknown,
  overrideDeps?: Record<string, unknown>,
) => Promise<ProduceOutputResult>;

type ParseFile = (content: string, filePath: string, config: MergedConfig) => Promise<string | undefined>;

interface TokenCountCache {
  contentCacheKey(encoding: string, content: string): string;
  getCached(key: string): number | undefined;
  setCached(key: string, tokens: number): void;
}

type ProcessContent = (file: ProcessedFile, config: MergedConfig, level?: unknown) => Promise<string>;

interface MetricsTask {
  content?: string;
  items?: Array<{ content: string; path?: string }>;
  encoding: string;
}

interface MetricsRunner {
  taskRunner: { run(task: MetricsTask): Promise<unknown>; cleanup(): Promise<void> };
  warmupPromise: Promise<unknown>;
}

type CreateMetricsTaskRunner = (rootDirs: string[], numOfTasks: number, encoding: string) => MetricsRunner;

type GenerateOutput = (
  rootDirs: string[],
  config: MergedConfig,
  processedFiles: ProcessedFile[],
  allFilePaths: string[],
) => Promise<string>;

export interface RepomixApi {
  pack: typeof Repomix.pack;
  mergeConfigs: typeof Repomix.mergeConfigs;
  searchFiles: typeof Repomix.searchFiles;
  collectFiles: typeof Repomix.collectFiles;
  /** Repomix's tree-sitter compression of these files, in this thread. */
  compressFiles(files: ProcessedFile[], config: MergedConfig): Promise<ProcessedFile[]>;
  /** Loads tree-sitter and the grammars of the most common languages among these paths, for compressFiles. */
  prepareCompression(paths: readonly string[], config: MergedConfig): Promise<void>;
  produceOutput: ProduceOutput;
  /** pack()'s `createMetricsTaskRunner`: counts in this thread, or in Repomix's workers when much is uncounted. */
  createMetricsTaskRunner: CreateMetricsTaskRunner;
  generateOutput: GenerateOutput;
  /** Repomix's token counter (o200k_base, as its packs count), made on first use. */
  tokenCounter(): Promise<Repomix.TokenCounter>;
  /**
   * Counts with that counter through Repomix's on-disk token-count cache (keyed by content, shared
   * with its CLI and saved by the next pack): the compressed files a fitting counts recur.
   */
  countTokens(): Promise<(text: string) => number>;
  logger: RepomixLogger;
}

export type { MergedConfig, ProcessedFile };

let loading: Promise<RepomixApi> | undefined;

async function load(): Promise<RepomixApi> {
  const lib = path.dirname(createRequire(import.meta.url).resolve('repomix'));
  const module = <T>(file: string) => import(pathToFileURL(path.join(lib, file)).href) as Promise<T>;
  const [
    packager,
    configLoad,
    fileSearch,
    fileCollect,
    fileProcess,
    tokenCounterModule,
    logger,
    produce,
    output,
    content,
    manipulate,
    metrics,
    treeSitter,
    languages,
    countCache,
  ] = await Promise.all([
    module<Pick<typeof Repomix, 'pack'>>('core/packager.js'),
    module<Pick<typeof Repomix, 'mergeConfigs'>>('config/configLoad.js'),
    module<Pick<typeof Repomix, 'searchFiles'>>('core/file/fileSearch.js'),
    module<Pick<typeof Repomix, 'collectFiles'>>('core/file/fileCollect.js'),
    module<Pick<typeof Repomix, 'processFiles'>>('core/file/fileProcess.js'),
    module<Pick<typeof Repomix, 'TokenCounter'>>('core/metrics/TokenCounter.js'),
    module<{ logger: RepomixLogger }>('shared/logger.js'),
    module<{ produceOutput: ProduceOutput }>('core/packager/produceOutput.js'),
    module<{ generateOutput: GenerateOutput }>('core/output/outputGenerate.js'),
    module<{ processContent: ProcessContent }>('core/file/fileProcessContent.js'),
    module<{ getFileManipulator: (file: string) => unknown }>('core/file/fileManipulate.js'),
    module<{ createMetricsTaskRunner: CreateMetricsTaskRunner }>('core/metrics/calculateMetrics.js'),
    module<{ parseFile: ParseFile }>('core/treeSitter/parseFile.js'),
    module<{ getLanguageConfigByExtension: (extension: string) => { name: string } | undefined }>(
      'core/treeSitter/languageConfig.js',
    ),
    module<TokenCountCache>('core/metrics/tokenCountCache.js'),
  ]);
  // What Repomix's file-processing worker does per file, run here one file at a time: its worker
  // pool loads tree-sitter anew in every worker on every call (0.2–0.4 s), while here the grammars
  // stay loaded; compressing the few hundred files a budget keeps takes a tenth of a second.
  let inline: Promise<unknown> = Promise.resolve();
  const inlineRunner = {
    run: (task: { rawFile: ProcessedFile; config: MergedConfig; level?: unknown }) => {
      const next = inline.then(async () => ({
        path: task.rawFile.path,
        content: await content.processContent(task.rawFile, task.config, task.level),
      }));
      inline = next.catch(() => undefined);
      return next;
    },
    cleanup: async () => {},
  };
  // The tokenizer's tables (~0.2 s) load when first needed — files Repomix's count cache does not
  // know, a fitting — or in the warm-up after a client is initialized.
  let counter: Promise<Repomix.TokenCounter> | undefined;
  const tokenCounter = () => {
    counter ??= (async () => {
      const created = new tokenCounterModule.TokenCounter('o200k_base');
      await created.init();
      return created;
    })();
    return counter;
  };
  return {
    pack: packager.pack,
    mergeConfigs: configLoad.mergeConfigs,
    searchFiles: fileSearch.searchFiles,
    collectFiles: fileCollect.collectFiles,
    compressFiles: (files, config) =>
      fileProcess.processFiles(files, { ...config, output: { ...config.output, compress: true } }, () => {}, {
        initTaskRunner: (() => inlineRunner) as never,
        getFileManipulator: manipulate.getFileManipulator as never,
      }),
    prepareCompression: async (paths, config) => {
      const counts = new Map<string, { extension: string; files: number }>();
      for (const file of paths) {
        const extension = path.extname(file).slice(1).toLowerCase();
        const language = extension ? languages.getLanguageConfigByExtension(extension)?.name : undefined;
        if (!language) continue;
        const entry = counts.get(language) ?? { extension, files: 0 };
        entry.files++;
        counts.set(language, entry);
      }
      const common = [...counts.values()].sort((a, b) => b.files - a.files).slice(0, MAX_PREPARED_LANGUAGES);
      // Parsing nothing initialises the parser and loads the language's grammar and query.
      for (const { extension } of common) await treeSitter.parseFile('', `prepare.${extension}`, config);
    },
    produceOutput: produce.produceOutput,
    generateOutput: output.generateOutput,
    createMetricsTaskRunner: (rootDirs, numOfTasks, encoding) =>
      encoding === 'o200k_base'
        ? inlineMetrics(tokenCounter, () => metrics.createMetricsTaskRunner(rootDirs, numOfTasks, encoding))
        : metrics.createMetricsTaskRunner(rootDirs, numOfTasks, encoding),
    tokenCounter,
    countTokens: async () => {
      const counter = await tokenCounter();
      return (text) => {
        // Hashing a short text costs about what counting it does.
        if (text.length < MIN_CACHED_CHARS) return counter.countTokens(text);
        const key = countCache.contentCacheKey('o200k_base', text);
        const cached = countCache.getCached(key);
        if (cached !== undefined) return cached;
        const tokens = counter.countTokens(text);
        countCache.setCached(key, tokens);
        return tokens;
      };
    },
    logger: logger.logger,
  };
}

const MIN_CACHED_CHARS = 256;

/** Grammars loaded ahead of a fitting: those of the most common languages; others load when met. */
const MAX_PREPARED_LANGUAGES = 3;

/**
 * Counting in this thread beyond this many characters (~250,000 tokens, ~0.2 s) is left to Repomix's
 * workers, which count in parallel.
 */
const INLINE_COUNT_MAX_CHARS = 1_000_000;

/**
 * pack() starts token-counting workers for every pack, and each loads the tokenizer's tables anew
 * (0.2–0.4 s of CPU per worker, on every call) — while Repomix's on-disk token-count cache usually
 * answers for all but the changed files, and this thread has the tokenizer loaded (the warm-up, or
 * the fitting, loads it). The tasks of one tick (calculateFileMetrics sends all its batches at once)
 * are counted here with Repomix's own TokenCounter, the same counts; when they hold more than
 * INLINE_COUNT_MAX_CHARS they go to Repomix's workers, started then.
 */
function inlineMetrics(
  counter: () => Promise<Repomix.TokenCounter>,
  workers: () => MetricsRunner,
): MetricsRunner {
  let started: MetricsRunner | undefined;
  let pending: Array<{
    task: MetricsTask;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }> = [];
  const count = (tokens: Repomix.TokenCounter, task: MetricsTask) =>
    task.items
      ? task.items.map((item) => tokens.countTokens(item.content, item.path))
      : tokens.countTokens(task.content ?? '');
  const flush = async () => {
    const batch = pending;
    pending = [];
    const chars = batch.reduce(
      (sum, { task }) =>
        sum + (task.items?.reduce((all, item) => all + item.content.length, 0) ?? task.content?.length ?? 0),
      0,
    );
    if (chars > INLINE_COUNT_MAX_CHARS) {
      started ??= workers();
      for (const { task, resolve, reject } of batch) started.taskRunner.run(task).then(resolve, reject);
      return;
    }
    try {
      const tokens = await counter();
      for (const { task, resolve } of batch) resolve(count(tokens, task));
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  };
  return {
    taskRunner: {
      run: (task) =>
        new Promise((resolve, reject) => {
          if (pending.length === 0) setImmediate(() => void flush());
          pending.push({ task, resolve, reject });
        }),
      cleanup: async () => {
        if (!started) return;
        await started.warmupPromise.catch(() => undefined);
        await started.taskRunner.cleanup();
      },
    },
    warmupPromise: Promise.resolve(),
  };
}

export function loadRepomix(): Promise<RepomixApi> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

let queue: Promise<unknown> = Promise.resolve();
let runs = 0;

/** How many runs withRepomix was asked for so far (the warm-up leaves the tokenizer to them). */
export function repomixRuns(): number {
  return runs;
}

/**
 * Runs `work` with Repomix silenced, after every earlier call has finished: the log level is one
 * module-level setting, so two calls at once would restore each other's level mid-run. The level
 * (and REPOMIX_LOG_LEVEL, which its worker threads prefer to the level they are handed) is restored
 * afterwards whatever happens.
 */
export function withRepomix<T>(work: (api: RepomixApi) => Promise<T>): Promise<T> {
  runs++;
  const run = queue.then(async () => {
    const api = await loadRepomix();
    const savedLevel = api.logger.getLogLevel();
    const savedEnv = process.env.REPOMIX_LOG_LEVEL;
    api.logger.setLogLevel(SILENT);
    process.env.REPOMIX_LOG_LEVEL = String(SILENT);
    try {
      return await work(api);
    } finally {
      api.logger.setLogLevel(savedLevel);
      if (savedEnv === undefined) delete process.env.REPOMIX_LOG_LEVEL;
      else process.env.REPOMIX_LOG_LEVEL = savedEnv;
    }
  });
  queue = run.catch(() => undefined);
  return run;
}
