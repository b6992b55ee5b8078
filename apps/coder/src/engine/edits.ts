// Applying replacement edits to a file's text, and the unified diff that shows the result.
// napi's `commitEdits` silently drops overlapping edits; here every overlap is returned so the tool
// can report it. Which edits win follows the ast-grep CLI (`--update-all`): edits are taken in
// document order (by start, the outer of two nested matches first, as a pre-order walk finds them)
// and an edit that starts before the end of the last one taken is skipped, so the earlier/outer
// match is kept. Offsets are string (UTF-16) offsets, as napi's `Pos.index`.
import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from 'diff';

export interface TextEdit {
  /** Start offset (UTF-16 code units) of the replaced text. */
  start: number;
  /** End offset, exclusive. */
  end: number;
  /** The replacement. */
  text: string;
}

export interface Overlap<E extends TextEdit> {
  /** The edit that was not applied. */
  edit: E;
  /** The applied edit it overlaps. */
  overlaps: E;
}

export interface AppliedEdits<E extends TextEdit> {
  text: string;
  /** Edits applied, in document order. */
  applied: E[];
  /** Edits skipped because they overlap an applied one, in document order. */
  overlapping: Overlap<E>[];
}

/** Document order: by start, and for equal starts the longer (enclosing) edit first. */
function byDocumentOrder(a: TextEdit, b: TextEdit): number {
  return a.start - b.start || b.end - a.end;
}

export function applyEdits<E extends TextEdit>(source: string, edits: readonly E[]): AppliedEdits<E> {
  const ordered = [...edits].sort(byDocumentOrder); // Array.prototype.sort is stable
  const applied: E[] = [];
  const overlapping: Overlap<E>[] = [];
  const parts: string[] = [];
  let cursor = 0;
  let last: E | undefined;
  for (const edit of ordered) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > source.length) {
      throw new RangeError(
        `Edit ${edit.start}..${edit.end} lies outside the text (length ${source.length}).`,
      );
    }
    // An edit starting exactly where the last one ended touches it without overlapping (as in the CLI).
    if (last && edit.start < cursor) {
      overlapping.push({ edit, overlaps: last });
      continue;
    }
    parts.push(source.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
    last = edit;
    applied.push(edit);
  }
  parts.push(source.slice(cursor));
  return { text: parts.join(''), applied, overlapping };
}

/**
 * A unified diff of one file with git-style `a/` and `b/` headers (so `git apply` takes it), 3
 * lines of context; the empty string when nothing changed.
 */
export function unifiedDiff(relativePath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const posixPath = relativePath.split('\\').join('/');
  const patch = structuredPatch(`a/${posixPath}`, `b/${posixPath}`, before, after, undefined, undefined, {
    context,
  });
  return formatPatch(patch, FILE_HEADERS_ONLY);
}
