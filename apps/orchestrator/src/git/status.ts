// `git status --porcelain=v2 --branch -z`, parsed. The v2 format has fixed field counts before the
// path, so paths with spaces need no quoting rules, and -z keeps newlines in names intact.
import { git } from './run-git.js';

export type ChangeKind =
  | 'added'
  | 'modified'
  | 'deleted'
  | 'renamed'
  | 'copied'
  | 'type_changed'
  | 'unmerged';

export interface FileChange {
  path: string;
  status: ChangeKind;
  orig_path?: string;
  similarity?: number;
}

export interface RepoStatus {
  branch: string | null;
  head: string | null;
  detached: boolean;
  unborn: boolean;
  upstream: string | null;
  ahead: number | null;
  behind: number | null;
  staged: FileChange[];
  unstaged: FileChange[];
  untracked: string[];
  conflicted: { path: string; state: string }[];
}

const KIND: Record<string, ChangeKind> = {
  M: 'modified',
  T: 'type_changed',
  A: 'added',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  U: 'unmerged',
};

/** Splits `count` space-separated fields off the front; the rest (the path) may hold spaces. */
function fields(record: string, count: number): { parts: string[]; rest: string } {
  const parts: string[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const space = record.indexOf(' ', at);
    if (space < 0) return { parts, rest: '' };
    parts.push(record.slice(at, space));
    at = space + 1;
  }
  return { parts, rest: record.slice(at) };
}

export function parsePorcelainV2(output: string): RepoStatus {
  const status: RepoStatus = {
    branch: null,
    head: null,
    detached: false,
    unborn: false,
    upstream: null,
    ahead: null,
    behind: null,
    staged: [],
    unstaged: [],
    untracked: [],
    conflicted: [],
  };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const record = records[i] ?? '';
    if (record === '') continue;
    const type = record[0];
    if (type === '#') {
      const [, key, ...values] = record.split(' ');
      const value = values.join(' ');
      if (key === 'branch.oid') {
        status.unborn = value === '(initial)';
        status.head = status.unborn ? null : value;
      } else if (key === 'branch.head') {
        status.detached = value === '(detached)';
        status.branch = status.detached ? null : value;
      } else if (key === 'branch.upstream') {
        status.upstream = value;
      } else if (key === 'branch.ab') {
        const match = /^\+(\d+) -(\d+)$/.exec(value);
        if (match) {
          status.ahead = Number(match[1]);
          status.behind = Number(match[2]);
        }
      }
    } else if (type === '1' || type === '2') {
      const { parts, rest } = fields(record, type === '1' ? 8 : 9);
      const xy = parts[1] ?? '..';
      let origPath: string | undefined;
      let similarity: number | undefined;
      if (type === '2') {
        origPath = records[++i];
        similarity = Number((parts[8] ?? '').slice(1)) || undefined;
      }
      const change = (letter: string): FileChange => {
        const status = KIND[letter] ?? 'modified';
        const moved = status === 'renamed' || status === 'copied';
        return {
          path: rest,
          status,
          ...(moved && origPath !== undefined ? { orig_path: origPath } : {}),
          ...(moved && similarity !== undefined ? { similarity } : {}),
        };
      };
      if (xy[0] !== '.') status.staged.push(change(xy[0] ?? 'M'));
      if (xy[1] !== '.') status.unstaged.push(change(xy[1] ?? 'M'));
    } else if (type === 'u') {
      const { parts, rest } = fields(record, 10);
      status.conflicted.push({ path: rest, state: parts[1] ?? 'UU' });
    } else if (type === '?') {
      status.untracked.push(record.slice(2));
    }
  }
  return status;
}

export async function readStatus(root: string, signal: AbortSignal): Promise<RepoStatus> {
  const result = await git(root, ['status', '--porcelain=v2', '--branch', '-z'], {
    signal,
    optionalLocks: false,
  });
  if (result.exitCode !== 0) throw new Error(`git status failed: ${result.stderr.trim()}`);
  return parsePorcelainV2(result.stdout);
}
