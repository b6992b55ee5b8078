// Limits stage: request size and per-call timeout.
import { ToolError } from '../seam/tool-error.js';

export interface CallLimits {
  /** Largest accepted `arguments` object, in bytes of JSON. */
  maxRequestBytes: number;
  /** Time a call may take before it is aborted. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: CallLimits = { maxRequestBytes: 1024 * 1024, timeoutMs: 120_000 };

export function requestSize(args: unknown): number {
  return Buffer.byteLength(JSON.stringify(args ?? {}), 'utf8');
}

/** Throws when a request of `bytes` exceeds the limit. */
export function checkRequestSize(bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) {
    throw new ToolError(
      `The request is ${bytes.toLocaleString('en')} bytes, over the ${formatLimit(maxBytes)} limit.`,
      { hint: 'Send less: pass a path instead of file contents, or split the work into smaller calls.' },
    );
  }
}

function formatLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en')}-byte`;
}

export class CallTimeoutError extends ToolError {
  constructor(timeoutMs: number) {
    super(`The call timed out after ${timeoutMs / 1000} s and was aborted.`, {
      hint: 'Narrow the request (fewer paths, a smaller limit) or raise the limit in the server configuration.',
    });
    this.name = 'CallTimeoutError';
  }
}

export class CallCancelledError extends ToolError {
  constructor() {
    super('The call was cancelled by the client.');
    this.name = 'CallCancelledError';
  }
}

/**
 * Runs `work` with a signal that aborts when the timeout passes or the client cancels, and settles as
 * soon as either happens even if `work` ignores its signal.
 */
export async function runWithTimeout<T>(
  timeoutMs: number,
  clientSignal: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let rejectAbort: (error: Error) => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    rejectAbort = reject;
  });
  const abort = (error: Error) => {
    if (controller.signal.aborted) return;
    controller.abort(error);
    rejectAbort(error);
  };
  const timer = setTimeout(() => abort(new CallTimeoutError(timeoutMs)), timeoutMs);
  const onCancel = () => abort(new CallCancelledError());
  if (clientSignal.aborted) onCancel();
  else clientSignal.addEventListener('abort', onCancel, { once: true });
  try {
    return await Promise.race([work(controller.signal), aborted]);
  } finally {
    clearTimeout(timer);
    clientSignal.removeEventListener('abort', onCancel);
  }
}
