// Change ids of a dry-run rewrite: `<key>:<n>`, where the key is 8 hex digits of a hash over the
// file's relative path and the hash of its content, and n the 1-based index of the change in that
// file. An id therefore stops resolving as soon as the file changes: apply recomputes the ids from
// the current files and refuses any id it cannot find.
import { createHash } from 'node:crypto';

const KEY_LENGTH = 8;
const CHANGE_ID = /^([0-9a-f]{8}):([1-9][0-9]*)$/;

/** The key shared by every change id of one version of one file. */
export function fileKey(relativePath: string, fileHash: string): string {
  return createHash('sha256').update(`${relativePath}\0${fileHash}`).digest('hex').slice(0, KEY_LENGTH);
}

/** The id of the `index`-th (1-based) change in one version of one file. */
export function changeId(relativePath: string, fileHash: string, index: number): string {
  return `${fileKey(relativePath, fileHash)}:${index}`;
}

/** The parts of a change id, or undefined when `id` is not one. */
export function parseChangeId(id: string): { key: string; index: number } | undefined {
  const match = CHANGE_ID.exec(id.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { key: match[1], index: Number(match[2]) };
}
