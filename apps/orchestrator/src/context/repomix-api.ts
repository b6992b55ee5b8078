// Repomix 1.18.1, loaded on first use (it pulls in tree-sitter, secretlint and a tokenizer: too heavy
// for start-up) and run one call at a time with its logger silenced.
//
// Two pieces are not exported by the package root, so they are imported by file from the pinned
// version: the logger (the root exports setLogLevel but no getter, and the level must be restored
// after each call) and produceOutput (pack() always writes its output to a file or to stdout; giving
// it a produceOutput that skips the write is the only way to get the output as a string in process).
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
  processFiles: typeof Repomix.processFiles;
  produceOutput: ProduceOutput;
  generateOutput: GenerateOutput;
  countTokens(text: string): number;
  logger: RepomixLogger;
}

export type { MergedConfig, ProcessedFile };

let loading: Promise<RepomixApi> | undefined;

async function load(): Promise<RepomixApi> {
  const lib = path.dirname(createRequire(import.meta.url).resolve('repomix'));
  const internal = (file: string) => pathToFileURL(path.join(lib, file)).href;
  const [api, loggerModule, produceModule, outputModule] = await Promise.all([
    import('repomix'),
    import(internal('shared/logger.js')) as Promise<{ logger: RepomixLogger }>,
    import(internal('core/packager/produceOutput.js')) as Promise<{ produceOutput: ProduceOutput }>,
    import(internal('core/output/outputGenerate.js')) as Promise<{ generateOutput: GenerateOutput }>,
  ]);
  const counter = new api.TokenCounter('o200k_base');
  await counter.init();
  return {
    pack: api.pack,
    mergeConfigs: api.mergeConfigs,
    searchFiles: api.searchFiles,
    processFiles: api.processFiles,
    produceOutput: produceModule.produceOutput,
    generateOutput: outputModule.generateOutput,
    countTokens: (text) => counter.countTokens(text),
    logger: loggerModule.logger,
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
