// What a refactor may write: never a protected path, never more than refactor.max_files files.
// Checked on the files the change would write, before anything is written.
import {
  ALWAYS_PROTECTED_PATHS,
  BUILTIN_PROTECTED_PATHS,
  type RefactorConfig,
  ToolError,
} from '@tandem/shared';
import picomatch from 'picomatch';

export interface PlannedFile {
  /** As the coder reported it, relative to the root. */
  file: string;
  /** Where it really is (a symlink followed), relative to the root. */
  real: string;
}

export function protectedGlobs(config: RefactorConfig): string[] {
  return [
    ...ALWAYS_PROTECTED_PATHS,
    ...(config.builtin_protected_paths ? BUILTIN_PROTECTED_PATHS : []),
    ...config.protected_paths,
  ];
}

export function checkPolicy(files: readonly PlannedFile[], config: RefactorConfig): void {
  // A glob without "/" matches the name in any directory, as the coder's globs do. (picomatch's own
  // `basename` option would apply the name rule to globs with slashes too.)
  const globs = protectedGlobs(config).map((glob) => (glob.includes('/') ? glob : `**/${glob}`));
  const isProtected = picomatch(globs, { dot: true });
  const refused = files.filter(({ file, real }) => isProtected(file) || isProtected(real));
  if (refused.length > 0) {
    const names = refused.map(({ file }) => file);
    throw new ToolError(
      `The refactor would write protected paths: ${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${names.length - 20} more` : ''}. Nothing was written.`,
      {
        hint: 'Leave them out with paths, globs ("!pattern") or change_ids; refactor.protected_paths in .tandem/config.yaml lists what is protected.',
      },
    );
  }
  if (files.length > config.max_files) {
    throw new ToolError(
      `The refactor would change ${files.length} files, more than refactor.max_files (${config.max_files}). Nothing was written.`,
      {
        hint: 'Narrow it with paths or globs, apply it in parts with change_ids, or ask a maintainer to raise refactor.max_files.',
      },
    );
  }
}
