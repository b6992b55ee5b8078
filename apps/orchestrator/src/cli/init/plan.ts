// What `tandem init` means to do to one file, decided before anything is written.

export interface PlannedFile {
  /** Absolute path. */
  file: string;
  /** Path relative to the target directory, as printed. */
  rel: string;
  /** Current content; null when the file does not exist. */
  before: string | null;
  /** Content to write; equal to `before` when nothing changes. */
  after: string;
  /** One line each: what changes (or why nothing does). */
  notes: string[];
}

export const changed = (plan: PlannedFile): boolean => plan.before !== plan.after;

/** An existing file Tandem cannot safely merge into: nothing is written, exit status 2. */
export class InitRefusal extends Error {
  override name = 'InitRefusal';
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}
