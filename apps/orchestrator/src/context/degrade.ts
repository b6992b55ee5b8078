// Fits a full pack into a token budget, step by step: the full pack; compressed (Repomix's tree-sitter
// compression); compressed with the least relevant and largest files left out; the directory
// structure alone with each file's tokens. The first step that fits is returned, with every step
// tried and every file left out.

import { OMIT_REASONS, relevanceTier } from './relevance.js';
import type { MergedConfig, ProcessedFile, RepomixApi } from './repomix-api.js';

/**
 * Compression rarely shrinks a pack more than 5:1: a large pack that could not fit even so is not
 * compressed whole (on a large repository that costs seconds); its files are compressed as they are
 * chosen in the next step instead.
 */
const BEST_COMPRESSION_RATIO = 0.2;
const LARGE_PACK_TOKENS = 100_000;
/** Kept free while choosing files: the estimate sums files, the real output is counted afterwards. */
const ESTIMATE_MARGIN = 0.98;
const MAX_OMITTED_LISTED = 200;

export type Step = 'full' | 'compress' | 'omit_files' | 'structure_only';

export interface StepTried {
  step: Step;
  tokens: number | null;
  fits: boolean;
  note?: string;
}

export interface OmittedFile {
  path: string;
  tokens: number;
  reason: string;
}

export interface Degraded {
  step: Step;
  steps: StepTried[];
  content: string;
  tokens: number;
  included_files: number;
  omitted_files: OmittedFile[];
  omitted_count: number;
  omitted_tokens: number;
}

export interface DegradeInput {
  api: RepomixApi;
  root: string;
  outputId: string;
  config: MergedConfig;
  budget: number;
  /** The packed files, in the order of the pack. */
  files: ProcessedFile[];
  allFilePaths: string[];
  /** Tokens of each file in the full pack. */
  fileTokens: Record<string, number>;
  fullOutput: string;
  fullTokens: number;
  /** Applied to whatever is returned (redaction) before it is counted. */
  finalize: (text: string) => string;
  checkpoint: () => void;
}

function wrapperOf(style: string, file: string): string {
  return style === 'markdown'
    ? `## File: ${file}\n\`\`\`\n\n\`\`\`\n\n`
    : `<file path="${file}">\n\n</file>\n\n`;
}

export async function degrade(input: DegradeInput): Promise<Degraded> {
  const { api, budget, files, fileTokens, finalize, checkpoint } = input;
  const steps: StepTried[] = [];
  const result = (step: Step, fitted: { content: string; tokens: number }, included: number) => ({
    step,
    steps,
    ...fitted,
    included_files: included,
    omitted_files: [],
    omitted_count: 0,
    omitted_tokens: 0,
  });

  if (input.fullTokens <= budget) {
    // Repomix counted the pack already (summing its files' counts, a few tokens off the whole);
    // recounting megabytes costs as much as the pack, so only a pack close to the budget, or one
    // that redaction changed, is recounted.
    const content = finalize(input.fullOutput);
    if (content === input.fullOutput && input.fullTokens <= budget * 0.99) {
      steps.push({ step: 'full', tokens: input.fullTokens, fits: true });
      return result('full', { content, tokens: input.fullTokens }, files.length);
    }
  }
  const count = await api.countTokens();
  const measure = (text: string) => {
    const content = finalize(text);
    return { content, tokens: count(content) };
  };
  if (input.fullTokens <= budget) {
    const full = measure(input.fullOutput);
    steps.push({ step: 'full', tokens: full.tokens, fits: full.tokens <= budget });
    if (full.tokens <= budget) return result('full', full, files.length);
  } else {
    steps.push({ step: 'full', tokens: input.fullTokens, fits: false });
  }

  const alreadyCompressed = input.config.output.compress === true;
  const compressConfig: MergedConfig = {
    ...input.config,
    output: { ...input.config.output, compress: true },
  };
  const compressed = new Map<string, string>();
  if (alreadyCompressed) {
    for (const file of files) compressed.set(file.path, file.content);
    steps.push({
      step: 'compress',
      tokens: input.fullTokens,
      fits: false,
      note: 'the pack is compressed already',
    });
  } else if (input.fullTokens > LARGE_PACK_TOKENS && input.fullTokens * BEST_COMPRESSION_RATIO > budget) {
    steps.push({
      step: 'compress',
      tokens: null,
      fits: false,
      note: `not built for all files: even at ${1 / BEST_COMPRESSION_RATIO}:1, ${input.fullTokens} tokens would not fit`,
    });
  } else {
    checkpoint();
    const all = await api.compressFiles(files, compressConfig);
    for (const file of all) compressed.set(file.path, file.content);
    const output = measure(await api.generateOutput([input.root], compressConfig, all, input.allFilePaths));
    steps.push({ step: 'compress', tokens: output.tokens, fits: output.tokens <= budget });
    if (output.tokens <= budget) return result('compress', output, files.length);
  }

  checkpoint();
  const omitted = await omitFiles(input, compressConfig, compressed, measure, count);
  steps.push(omitted.tried);
  if (omitted.kept) {
    const keptPaths = new Set(omitted.kept.files.map((file) => file.path));
    const left = files.filter((file) => !keptPaths.has(file.path));
    const order = dropOrder(left, fileTokens);
    return {
      step: 'omit_files',
      steps,
      content: omitted.kept.content,
      tokens: omitted.kept.tokens,
      included_files: keptPaths.size,
      omitted_files: order.slice(0, MAX_OMITTED_LISTED).map((file) => ({
        path: file.path,
        tokens: fileTokens[file.path] ?? 0,
        reason: OMIT_REASONS[relevanceTier(file.path)],
      })),
      omitted_count: left.length,
      omitted_tokens: left.reduce((sum, file) => sum + (fileTokens[file.path] ?? 0), 0),
    };
  }

  checkpoint();
  const structure = structureOnly(input, measure);
  steps.push({ step: 'structure_only', tokens: structure.tokens, fits: structure.tokens <= budget });
  return {
    ...result('structure_only', structure, 0),
    omitted_count: files.length,
    omitted_tokens: files.reduce((sum, file) => sum + (fileTokens[file.path] ?? 0), 0),
  };
}

/** Least relevant first, then largest first. */
function dropOrder(files: ProcessedFile[], fileTokens: Record<string, number>): ProcessedFile[] {
  return [...files].sort(
    (a, b) =>
      relevanceTier(a.path) - relevanceTier(b.path) ||
      (fileTokens[b.path] ?? 0) - (fileTokens[a.path] ?? 0) ||
      a.path.localeCompare(b.path),
  );
}

async function omitFiles(
  input: DegradeInput,
  compressConfig: MergedConfig,
  compressed: Map<string, string>,
  measure: (text: string) => { content: string; tokens: number },
  count: (text: string) => number,
): Promise<{
  tried: StepTried;
  kept?: { files: ProcessedFile[]; content: string; tokens: number };
}> {
  const { api, budget, files, fileTokens } = input;
  const style = input.config.output.style;
  const frame = measure(await api.generateOutput([input.root], compressConfig, [], input.allFilePaths));
  if (frame.tokens >= budget) {
    return {
      tried: {
        step: 'omit_files',
        tokens: frame.tokens,
        fits: false,
        note: 'the summary and directory structure alone exceed the budget',
      },
    };
  }

  // Files are taken in keep order (the reverse of the drop order) while their compressed tokens fit;
  // only files that may be taken are compressed, a batch at a time.
  const keepOrder = dropOrder(files, fileTokens).reverse();
  const kept: Array<{ file: ProcessedFile; cost: number }> = [];
  let remaining = budget * ESTIMATE_MARGIN - frame.tokens;
  let next = 0;
  choose: while (next < keepOrder.length) {
    const batch: ProcessedFile[] = [];
    let batchTokens = 0;
    for (let i = next; i < keepOrder.length && (batch.length < 8 || batchTokens < remaining * 3); i++) {
      const file = keepOrder[i] as ProcessedFile;
      batch.push(file);
      batchTokens += fileTokens[file.path] ?? 0;
    }
    const missing = batch.filter((file) => !compressed.has(file.path));
    if (missing.length > 0) {
      input.checkpoint();
      for (const file of await api.compressFiles(missing, compressConfig)) {
        compressed.set(file.path, file.content);
      }
    }
    for (const file of batch) {
      const content = compressed.get(file.path) ?? file.content;
      const cost = count(content) + count(wrapperOf(style, file.path));
      if (cost > remaining) break choose;
      kept.push({ file: { path: file.path, content }, cost });
      remaining -= cost;
      next++;
    }
  }

  // The estimate sums the parts; the assembled output is what counts. Drop the last taken until it fits.
  const packOrder = new Map(files.map((file, index) => [file.path, index]));
  while (kept.length > 0) {
    const chosen = kept
      .map((entry) => entry.file)
      .sort((a, b) => (packOrder.get(a.path) ?? 0) - (packOrder.get(b.path) ?? 0));
    const output = measure(
      await api.generateOutput([input.root], compressConfig, chosen, input.allFilePaths),
    );
    if (output.tokens <= budget) {
      return {
        tried: { step: 'omit_files', tokens: output.tokens, fits: true },
        kept: { files: chosen, ...output },
      };
    }
    kept.pop();
  }
  return {
    tried: {
      step: 'omit_files',
      tokens: null,
      fits: false,
      note: 'not even the smallest file fits beside the structure',
    },
  };
}

function structureOnly(
  input: DegradeInput,
  measure: (text: string) => { content: string; tokens: number },
): { content: string; tokens: number } {
  const { files, fileTokens, budget, outputId } = input;
  const markdown = input.config.output.style === 'markdown';
  const lines = [...files]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((file) => `${file.path} (${fileTokens[file.path] ?? 0} tokens)`);
  const render = (count: number) => {
    const shown = lines.slice(0, count);
    if (count < lines.length) {
      shown.push(
        `… ${lines.length - count} more files: read_context {"output_id": "${outputId}"} lists them all`,
      );
    }
    const head = `The repository's files with their tokens in the full pack (${input.fullTokens} tokens, over the budget of ${budget}); read the pack with read_context {"output_id": "${outputId}"}.`;
    return markdown
      ? `${head}\n\n# Directory structure\n\n\`\`\`\n${shown.join('\n')}\n\`\`\`\n`
      : `${head}\n\n<directory_structure>\n${shown.join('\n')}\n</directory_structure>\n`;
  };
  const all = measure(render(lines.length));
  if (all.tokens <= budget) return all;
  // The most lines that fit, found by bisection: counting is exact but not free.
  let low = 0;
  let high = lines.length - 1;
  let best = measure(render(0));
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const attempt = measure(render(middle));
    if (attempt.tokens <= budget) {
      best = attempt;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}
