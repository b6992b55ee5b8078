// Which of a persona's context hints exist in the workspace: each hint is a path or a glob relative to
// the root. globby because the match must honour .gitignore (a hint like "**/Dockerfile" should not
// dig through ignored build output) and picomatch alone does not walk directories.

/** Never searched: VCS data, Tandem's own state, installed dependencies. */
const ALWAYS_IGNORED = ['**/.git/**', '.tandem/**', '**/node_modules/**'];
/** A glob hint matching more than this is cut: the consultation budget could not hold more anyway. */
export const MAX_FILES_PER_HINT = 50;

export interface HintMatch {
  hint: string;
  /** Matching files, relative to the root, sorted; at most MAX_FILES_PER_HINT. */
  files: string[];
  /** More files matched than `files` holds. */
  truncated: boolean;
}

export async function matchHints(root: string, hints: readonly string[]): Promise<HintMatch[]> {
  // Loaded on first use (with fast-glob and micromatch): start-up does not pay for it.
  const { globby } = await import('globby');
  return Promise.all(
    hints.map(async (hint) => {
      const files = await globby(hint, {
        cwd: root,
        dot: true,
        onlyFiles: true,
        gitignore: true,
        followSymbolicLinks: false,
        ignore: ALWAYS_IGNORED,
        suppressErrors: true,
      });
      // The config refuses hints that climb out of the root; this also drops a brace expansion that does.
      const inside = files.filter((file) => !file.split('/').includes('..')).sort();
      return {
        hint,
        files: inside.slice(0, MAX_FILES_PER_HINT),
        truncated: inside.length > MAX_FILES_PER_HINT,
      };
    }),
  );
}
