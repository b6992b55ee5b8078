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
// - processContent and getFileManipulator: what its file-processing worker runs, run in this thread.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Repomix from 'repomix';

type MergedConfig = Parameters<typeof Repomix.pack>[1];
type ProcessedFile = Awaited<ReturnType<typeof Repomix.processFiles>>[number];

/** Repomix's SILENT level: nothing is printed (its logger writes to stdout, which is JSON-RPC's). */
const SILENT = -1;

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

type ProcessContent = (file: ProcessedFile, config: MergedConfig, level?: unknown) => Promise<string>;

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
  produceOutput: ProduceOutput;
  generateOutput: GenerateOutput;
  /** Repomix's token counter (o200k_base, as its packs count), made on first use. */
  tokenCounter(): Promise<Repomix.TokenCounter>;
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
    tokenCounter,
    logger,
    produce,
    output,
    content,
    manipulate,
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
  // The tokenizer's tables load on first count: a pack that fits its budget never needs them here.
  let counter: Promise<Repomix.TokenCounter> | undefined;
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
    produceOutput: produce.produceOutput,
    generateOutput: output.generateOutput,
    tokenCounter: () => {
      counter ??= (async () => {
        const created = new tokenCounter.TokenCounter('o200k_base');
        await created.init();
        return created;
      })();
      return counter;
    },
    logger: logger.logger,
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

/**
 * Runs `work` with Repomix silenced, after every earlier call has finished: the log level is one
 * module-level setting, so two calls at once would restore each other's level mid-run. The level
 * (and REPOMIX_LOG_LEVEL, which its worker threads prefer to the level they are handed) is restored
 * afterwards whatever happens.
 */
export function withRepomix<T>(work: (api: RepomixApi) => Promise<T>): Promise<T> {
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
