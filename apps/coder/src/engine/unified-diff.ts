// The added lines of a unified diff, per file, with their line numbers in the new file: what a
// secret scan of a diff looks at. jsdiff's parsePatch reads the format (git headers included).
import { ToolError } from '@tandem/shared';
import { parsePatch } from 'diff';

export interface AddedLine {
  /** 1-based line in the new file. */
  line: number;
  text: string;
}

export interface AddedFile {
  /** The new file's name as the diff gives it, without git's `b/` prefix. */
  file: string;
  lines: AddedLine[];
}

function newName(patch: { newFileName?: string; oldFileName?: string; isGit?: boolean }): string {
  const name = (patch.newFileName ?? '').replace(/\t.*$/, '');
  if (name === '' || name === '/dev/null') return (patch.oldFileName ?? '<diff>').replace(/^a\//, '');
  // git writes a/ and b/ prefixes (also in `git diff` output without the `diff --git` line).
  const gitStyle =
    patch.isGit || (patch.oldFileName ?? '').startsWith('a/') || patch.oldFileName === '/dev/null';
  return gitStyle ? name.replace(/^b\//, '') : name;
}

export function addedLines(diff: string): AddedFile[] {
  let patches: ReturnType<typeof parsePatch>;
  try {
    patches = parsePatch(diff);
  } catch (error) {
    throw new ToolError(`The diff is not a valid unified diff: ${(error as Error).message}.`, {
      hint: 'Pass the output of `git diff` or `diff -u` unchanged (hunk headers and line counts must agree).',
    });
  }
  if (!patches.some((patch) => patch.hunks.length > 0)) {
    throw new ToolError('The diff has no hunks (no "@@ -a,b +c,d @@" lines).', {
      hint: 'Pass a unified diff such as the output of `git diff`; to scan plain text use `text`.',
    });
  }
  const files = new Map<string, AddedLine[]>();
  for (const patch of patches) {
    const file = newName(patch);
    const lines = files.get(file) ?? [];
    for (const hunk of patch.hunks) {
      let line = hunk.newStart;
      for (const raw of hunk.lines) {
        const mark = raw[0];
        if (mark === '+') {
          lines.push({ line, text: raw.slice(1) });
          line += 1;
        } else if (mark === ' ') {
          line += 1;
        }
        // '-' lines are not in the new file; '\' is "No newline at end of file".
      }
    }
    if (lines.length > 0) files.set(file, lines);
  }
  return [...files].map(([file, lines]) => ({ file, lines }));
}

/**
 * One text of a file's added lines, for the scanner, and the new-file line of each of its lines.
 * Runs of added lines that are not adjacent in the new file are kept apart by an empty line (mapped
 * to no line), so a multi-line secret is found within a run but never pieced together across runs.
 */
export function addedText(lines: readonly AddedLine[]): { text: string; lineMap: Array<number | undefined> } {
  const parts: string[] = [];
  const lineMap: Array<number | undefined> = [];
  let previous: number | undefined;
  for (const { line, text } of lines) {
    if (previous !== undefined && line !== previous + 1) {
      parts.push('');
      lineMap.push(undefined);
    }
    parts.push(text);
    lineMap.push(line);
    previous = line;
  }
  return { text: parts.join('\n'), lineMap };
}
