// Globs over tool names for roles' allow/deny lists. Our own instead of picomatch: tool names are
// snake_case words with no path separators, so of a path glob's syntax only `*` and `?` mean
// anything, and a two-rule translation to a RegExp is easier to audit than a path matcher's options.

/** `ast_*` → /^ast_.*$/; every character other than `*` and `?` matches itself. */
export function compileToolGlob(glob: string): RegExp {
  const body = [...glob]
    .map((char) => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`);
}
