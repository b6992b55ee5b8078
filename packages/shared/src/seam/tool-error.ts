// The error a tool throws to fail a call on purpose: the seam turns it into an `isError` result whose
// text says what was wrong and what to do about it.

export class ToolError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolError';
    this.hint = options.hint;
  }
}

/** The text a caller sees for a failed call. Unexpected errors keep their message: it is all we know. */
export function describeError(error: unknown): string {
  if (error instanceof ToolError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  if (error instanceof Error) return `Internal error: ${error.message}`;
  return `Internal error: ${String(error)}`;
}
