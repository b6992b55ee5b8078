// The common shape of a linter adapter: which files it looks at, what it needs from the project
// (config, executable), and how it turns the linter's report into diagnostics.
import type { LintDiagnostic, LinterName } from '@tandem/shared/schemas';
import type { RunOptions, RunResult } from './process.js';

export type Diagnostic = LintDiagnostic;

export interface LintScope {
  /** Canonical workspace root. */
  root: string;
  /** Every file in scope, root-relative, `/`-separated. */
  files: readonly string[];
  /** The same files as a set, for filtering reports of whole-project linters. */
  inScope: ReadonlySet<string>;
}

/** Why a linter will not run on this project; the orchestration turns it into the linter's status. */
export interface Unavailable {
  status: 'not_installed' | 'not_configured';
  message: string;
  install_hint?: string;
}

/** A linter ready to run: its executable and anything the adapter worked out while preparing. */
export interface Prepared<P = unknown> {
  /** Absolute path of the executable (the project's own where it has one). */
  binary: string;
  /** Config files that apply, root-relative. */
  configs?: string[];
  plan: P;
}

export interface LinterJob<P = unknown> {
  scope: LintScope;
  files: readonly string[];
  prepared: Prepared<P>;
  /** Runs the linter's executable (or another one) under the linter's deadline and the call's signal. */
  run(binary: string, args: readonly string[], options: RunOptions): Promise<RunResult>;
  /** Diagnostics found so far; kept even if a later step times out or fails. */
  add(diagnostics: readonly Diagnostic[]): void;
  /** Files in scope the linter could not check: the linter's run is then not a clean pass. */
  unchecked(count: number, why: string): void;
  /** Something the caller should know (files the linter skipped, diagnostics left out, ...). */
  note(message: string): void;
}

export interface LinterAdapter<P = unknown> {
  readonly name: LinterName;
  /** The language in words, for messages: "Python", "shell", ... */
  readonly language: string;
  /** The files in scope this linter checks. */
  select(scope: LintScope): Promise<string[]>;
  /** Finds config and executable, or says why the linter cannot run. */
  prepare(scope: LintScope, files: readonly string[]): Promise<Prepared<P> | Unavailable>;
  /** Runs the linter; throws LinterFailure when its output cannot be understood. */
  lint(job: LinterJob<P>): Promise<void>;
}

/** The linter ran but crashed or printed something we cannot read. */
export class LinterFailure extends Error {
  constructor(
    message: string,
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'LinterFailure';
  }
}

export function isUnavailable<P>(value: Prepared<P> | Unavailable): value is Unavailable {
  return 'status' in value;
}
