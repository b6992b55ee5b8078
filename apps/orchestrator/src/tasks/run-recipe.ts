// Runs one recipe: the just binary with the recipe and its arguments as separate process arguments,
// no shell of ours. The process leads its own group, so a timeout, a cancellation, or the end of the
// recipe itself takes every process it started down with it (execa's timeout kills the direct child only).
import { type CallContext, guardProcessGroup, Redactor, type TandemConfig, ToolError } from '@tandem/shared';
import type { RunTaskOutput } from '@tandem/shared/schemas';
import type { OrchestratorServices } from '../tools/define.js';
import { justfileArgs } from './justfile.js';
import { OutputBuffer } from './output-buffer.js';
import { taskEnvironment } from './task-environment.js';

/** Progress notifications at most this often; lines in between travel together. */
const PROGRESS_INTERVAL_MS = 250;
/** Lines one progress message carries at most; the rest are counted, not sent. */
const PROGRESS_MAX_LINES = 20;

const redactors = new WeakMap<TandemConfig, Redactor>();

export function redactorFor(config: TandemConfig): Redactor {
  let redactor = redactors.get(config);
  if (!redactor) {
    redactor = new Redactor({ envNames: config.redaction.env, patterns: config.redaction.patterns });
    redactors.set(config, redactor);
  }
  return redactor;
}

export interface RecipeRun extends RunTaskOutput {
  /** Kept lines at the end of the output, redacted, for callers that read only the tail. */
  tailLines: string[];
}

export interface RunRecipeOptions {
  binary: string;
  justfile: string;
  recipe: string;
  args: readonly string[];
  timeoutS: number;
}

export function resolveTimeout(requested: number | undefined, config: TandemConfig): number {
  const { timeout_s, max_timeout_s } = config.tasks;
  if (requested === undefined) return timeout_s;
  if (requested > max_timeout_s) {
    throw new ToolError(`timeout_s ${requested} is above the maximum of ${max_timeout_s} s.`, {
      hint: `Ask for at most ${max_timeout_s} s, or raise tasks.max_timeout_s in .tandem/config.yaml.`,
    });
  }
  return requested;
}

export async function runRecipe(
  context: CallContext<OrchestratorServices>,
  options: RunRecipeOptions,
): Promise<RecipeRun> {
  const { signal, root, services } = context;
  signal.throwIfAborted();
  const redactor = redactorFor(services.config);
  const { execa } = await import('execa');
  const started = performance.now();
  // `--` ends just's own options: whatever follows the recipe name is the recipe's.
  const argv = [...justfileArgs(options.justfile, root), '--', options.recipe, ...options.args];
  const child = execa(options.binary, argv, {
    cwd: root,
    env: taskEnvironment(process.env, services.config.redaction.env),
    extendEnv: false,
    shell: false,
    detached: true,
    reject: false,
    stdin: 'ignore',
    all: true,
    buffer: false,
    encoding: 'utf8',
  });
  const group = guardProcessGroup(child.pid, { timeoutMs: options.timeoutS * 1000, signal });

  const output = new OutputBuffer();
  const progress = new ProgressLines(context, redactor);
  // When just itself exits, anything left in its group was started in the background by the recipe
  // and would hold the output pipe open: it goes too, so the call ends when the recipe does.
  child.once('exit', group.kill);
  try {
    child.all?.on('data', (chunk: string | Buffer) => {
      output.write(String(chunk), (line) => progress.push(line));
    });
    const result = await child;
    output.end((line) => progress.push(line));
    await progress.close();
    signal.throwIfAborted();
    if (result.exitCode === undefined && result.signal === undefined) {
      throw new ToolError(
        `Could not start ${options.binary}: ${result.originalMessage ?? result.shortMessage}`,
        {
          hint: 'Check that the just binary the orchestrator found is executable.',
        },
      );
    }
    const collected = output.result();
    context.logger.info('task finished', {
      recipe: options.recipe,
      exit_code: result.exitCode ?? null,
      signal: result.signal ?? null,
      timed_out: group.timedOut,
      lines: collected.lines,
    });
    const text = await redactor.redact(collected.text);
    const tailLines = await Promise.all(output.lastLines(60).map((line) => redactor.redact(line)));
    return {
      recipe: options.recipe,
      args: [...options.args],
      exit_code: result.exitCode ?? null,
      signal: result.signal ?? null,
      duration_ms: Math.round(performance.now() - started),
      timed_out: group.timedOut,
      output: text,
      output_lines: collected.lines,
      output_bytes: collected.bytes,
      cut: collected.cut,
      tailLines,
    };
  } finally {
    group.kill();
    group.release();
  }
}

/** Sends output lines as progress notifications, batched and in order, redacted like the result. */
class ProgressLines {
  private pending: string[] = [];
  private count = 0;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly context: CallContext<OrchestratorServices>,
    private readonly redactor: Redactor,
  ) {}

  push(line: string): void {
    this.pending.push(line);
    this.count += 1;
    this.timer ??= setTimeout(() => this.flush(), PROGRESS_INTERVAL_MS);
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    const count = this.count;
    this.pending = [];
    const shown = lines.slice(-PROGRESS_MAX_LINES);
    const skipped = lines.length - shown.length;
    const message = (skipped > 0 ? [`… ${skipped} more lines`, ...shown] : shown).join('\n');
    this.chain = this.chain
      .then(async () => this.context.progress(count, undefined, await this.redactor.redact(message)))
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    await this.chain;
  }
}
