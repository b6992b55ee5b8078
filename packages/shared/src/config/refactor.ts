// `refactor:` — what a refactor may write. Protected paths are refused before anything is written;
// `.git/**` and `.tandem/**` (version control and Tandem's own state) always are, whatever the config
// says. The built-in list (dependency trees and lockfiles, which tools generate) can be switched off;
// `protected_paths` adds to it, so listing one more glob never drops a default.
import { z } from 'zod';

export const ALWAYS_PROTECTED_PATHS = ['.git/**', '.tandem/**'] as const;

export const BUILTIN_PROTECTED_PATHS = [
  '**/node_modules/**',
  '**/.venv/**',
  '**/vendor/**',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/pnpm-lock.yaml',
  '**/yarn.lock',
  '**/bun.lock',
  '**/deno.lock',
  '**/Cargo.lock',
  '**/go.sum',
  '**/poetry.lock',
  '**/uv.lock',
  '**/Pipfile.lock',
  '**/Gemfile.lock',
  '**/composer.lock',
  '**/flake.lock',
] as const;

export const DEFAULT_REFACTOR_MAX_FILES = 50;
/** The coder lists at most 200 files per rewrite; a refactor must see every file it backs up. */
export const REFACTOR_FILES_CEILING = 200;
export const DEFAULT_REFACTOR_LOCK_TIMEOUT_S = 300;

export const refactorSection = z
  .strictObject({
    max_files: z
      .number()
      .int()
      .min(1)
      .max(REFACTOR_FILES_CEILING)
      .default(DEFAULT_REFACTOR_MAX_FILES)
      .describe('Most files one refactor may change; more is refused before anything is written'),
    protected_paths: z
      .array(z.string().min(1))
      .default([])
      .describe('Globs relative to the root that refactors never write, added to the built-in list'),
    builtin_protected_paths: z
      .boolean()
      .default(true)
      .describe('Also protect dependency trees and lockfiles (.git/** and .tandem/** always are)'),
    lock_timeout_s: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(DEFAULT_REFACTOR_LOCK_TIMEOUT_S)
      .describe('How long a refactor waits for another one holding the same files'),
  })
  .prefault({});

export type RefactorConfig = z.output<typeof refactorSection>;
