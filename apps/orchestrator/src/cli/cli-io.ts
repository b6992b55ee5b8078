// What a `tandem` subcommand gets instead of the process: output streams, the working directory, the
// clock and a signal that ends long-running commands. Tests run commands in-process through it.

export interface CliIo {
  /** Writes one line (the newline is added). */
  out(line: string): void;
  /** Writes one line to stderr (the newline is added). */
  err(line: string): void;
  cwd: string;
  now(): number;
  /** Aborts long-running commands (`--follow`): SIGINT, SIGTERM, or a test ending. */
  signal: AbortSignal;
}

/** A subcommand: its arguments (after its name) in, an exit status out. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Bad usage: printed with a pointer to --help, exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
