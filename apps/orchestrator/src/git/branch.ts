// Branch-first: which branches are protected, the `ai/<slug>/<yyyy-mm-dd>` branch commit creates
// instead, and the checks a caller's branch name must pass before git sees it.
import { ToolError } from '@tandem/shared';
import { git } from './run-git.js';

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] ?? '';
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function isProtected(branch: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) =>
    pattern.includes('*') ? globToRegExp(pattern).test(branch) : pattern === branch,
  );
}

const MAX_SLUG = 48;

/** The subject of a message's header, made into a ref-safe slug: `feat(api)!: Add X` → `add-x`. */
export function slugOf(message: string): string {
  const header = message.split('\n')[0] ?? '';
  const subject = header.replace(/^[A-Za-z][\w-]*(?:\([^()]*\))?!?:\s*/, '');
  let slug = subject
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    slug = slug.slice(0, MAX_SLUG);
    const lastDash = slug.lastIndexOf('-');
    if (lastDash > MAX_SLUG / 2) slug = slug.slice(0, lastDash);
  }
  return slug || 'change';
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export async function branchExists(root: string, name: string, signal: AbortSignal): Promise<boolean> {
  const result = await git(root, ['show-ref', '--verify', '--quiet', `refs/heads/${name}`], { signal });
  return result.exitCode === 0;
}

/** `<prefix>/<slug>/<date>`, with `-2`, `-3`, … appended while such a branch exists. */
export async function newBranchName(
  root: string,
  prefix: string,
  message: string,
  signal: AbortSignal,
): Promise<string> {
  const base = `${prefix}/${slugOf(message)}/${today()}`;
  if (!(await branchExists(root, base, signal))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base}-${n}`;
    if (!(await branchExists(root, candidate, signal))) return candidate;
  }
  throw new ToolError(`Could not find a free branch name near ${base}.`, {
    hint: 'Give a branch name with the branch argument.',
  });
}

/** A caller's branch name: refused unless git accepts it as a plain branch name. */
export async function checkBranchName(root: string, name: string, signal: AbortSignal): Promise<void> {
  const refuse = (why: string) =>
    new ToolError(`branch "${name}" is not a valid branch name: ${why}.`, {
      hint: 'Use letters, digits, "/", "-", "_" and "." (e.g. feature/short-name); no spaces, no leading "-".',
    });
  if (name.startsWith('-')) throw refuse('it starts with "-"');
  // `@{-1}` and friends are expanded by check-ref-format --branch; a caller means a literal name.
  if (name.includes('@{') || name === '@' || name === 'HEAD')
    throw refuse('it names a revision, not a branch');
  const result = await git(root, ['check-ref-format', '--branch', name], { signal });
  if (result.exitCode !== 0 || result.stdout.trim() !== name) throw refuse('git check-ref-format refuses it');
}
