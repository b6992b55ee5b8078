// Runs git the one way Tandem allows: an argument array (no shell), cwd = the workspace root, no
// pager, no prompt, no editor, paths printed unquoted (core.quotepath=off). Each git leads its own
// process group so that a timeout or cancellation also kills the hooks it started.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { guardProcessGroup, ToolError } from '@tandem/shared';

export interface GitOptions {
  /** Written to git's stdin (e.g. the message for `commit -F -`). */
  input?: string;
  signal: AbortSignal;
  timeoutMs?: number;
  /** Treat pathspecs as literal paths (no globs, no `:(magic)`): for commands given caller paths. */
  literalPathspecs?: boolean;
  /** false: git must not take optional locks (status refreshing the index), for read-only calls. */
  optionalLocks?: boolean;
}

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as git (and its hooks) wrote them. */
  all: string;
  /** stdout went past the buffer and was cut. */
  cut: boolean;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_BUFFER = 64 * 1024 * 1024;
/** Hooks are often Node scripts (husky, lint-staged): the server's node stays on their PATH. */
function gitEnv(optionalLocks: boolean): NodeJS.ProcessEnv {
  const nodeDir = path.dirname(process.execPath);
  const current = process.env.PATH ?? '';
  const PATH = current.split(path.delimiter).includes(nodeDir)
    ? current
    : [current, nodeDir].filter(Boolean).join(path.delimiter);
  return {
    ...process.env,
    PATH,
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    GIT_EDITOR: 'true',
    GIT_SEQUENCE_EDITOR: 'true',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    ...(optionalLocks ? {} : { GIT_OPTIONAL_LOCKS: '0' }),
  };
}

const EXE = process.platform === 'win32' ? 'git.exe' : 'git';

/**
 * git as found on the server's own PATH, before node's directory is added for hooks: so a git
 * that happens to sit next to node does not stand in for a missing one.
 */
function findGit(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, EXE);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function gitMissing(): ToolError {
  return new ToolError('git is not installed or not on the PATH of the Tandem server.', {
    hint: 'Install git (Debian/Ubuntu: apt-get install git; macOS: xcode-select --install or brew install git; others: https://git-scm.com/downloads) and restart the server with git on its PATH.',
  });
}

export class GitTimeout extends ToolError {
  constructor(args: readonly string[], ms: number) {
    super(
      `git ${args[0] ?? ''} did not finish within ${Math.round(ms / 1000)} s and was stopped (with its hooks).`,
      {
        hint: 'A hook may be waiting for input or be slow; raise git.hook_timeout_s in .tandem/config.yaml if it needs longer.',
      },
    );
  }
}

export async function git(root: string, args: readonly string[], options: GitOptions): Promise<GitResult> {
  options.signal.throwIfAborted();
  const binary = findGit();
  if (binary === undefined) throw gitMissing();
  // No process argument can hold a NUL byte (execa throws a TypeError): a branch, path or message
  // with one is a bad argument of the caller's, found by the reliability fuzz.
  const withNul = args.find((arg) => arg.includes('\0'));
  if (withNul !== undefined) {
    throw new ToolError(`"${withNul.replaceAll('\0', '\\0')}" contains a NUL byte, which git cannot take.`, {
      hint: 'Remove the NUL byte from the branch, path or message.',
    });
  }
  const { execa } = await import('execa');
  const full = [
    '-c',
    'core.quotepath=off',
    '--no-pager',
    ...(options.literalPathspecs ? ['--literal-pathspecs'] : []),
    ...args,
  ];
  const child = execa(binary, full, {
    cwd: root,
    env: gitEnv(options.optionalLocks !== false),
    extendEnv: false,
    shell: false,
    detached: true,
    reject: false,
    all: true,
    maxBuffer: MAX_BUFFER,
    stripFinalNewline: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const group = guardProcessGroup(child.pid, { timeoutMs, signal: options.signal });
  try {
    const result = await child;
    if (options.signal.aborted) throw options.signal.reason;
    if (group.timedOut) throw new GitTimeout(args, timeoutMs);
    if (result.failed && result.exitCode === undefined && result.signal === undefined) {
      if (result.code === 'ENOENT') throw gitMissing();
      throw new ToolError(`Could not start git: ${result.originalMessage ?? result.shortMessage}`);
    }
    if (result.signal !== undefined) {
      throw new ToolError(`git ${args[0] ?? ''} was killed by ${result.signal}.`);
    }
    return {
      exitCode: result.exitCode ?? 1,
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
      all: String(result.all ?? ''),
      cut: result.isMaxBuffer === true,
    };
  } finally {
    group.release();
  }
}

/** Runs git and fails the call with git's own message when it exits non-zero. */
export async function gitOk(
  root: string,
  args: readonly string[],
  options: GitOptions & { what?: string; hint?: string },
): Promise<string> {
  const result = await git(root, args, options);
  if (result.exitCode !== 0) {
    const said = result.stderr.trim() || result.stdout.trim() || `exit code ${result.exitCode}`;
    throw new ToolError(`${options.what ?? `git ${args[0] ?? ''}`} failed: ${lastLines(said, 10)}`, {
      ...(options.hint ? { hint: options.hint } : {}),
    });
  }
  return result.stdout;
}

const MAX_TAIL_CHARS = 8000;

/** The last `count` lines of `text`, and at most 8000 characters of them. */
export function lastLines(text: string, count: number): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  let tail = lines.length > count ? `… ${lines.slice(-count).join('\n')}` : lines.join('\n');
  if (tail.length > MAX_TAIL_CHARS) tail = `… ${tail.slice(-MAX_TAIL_CHARS)}`;
  return tail;
}

export interface GitRepo {
  /** `git version 2.39.5` → [2, 39, 5]. */
  version: [number, number, number];
  toplevel: string;
}

/** Checks that git exists and that the root is inside a work tree; says what to do when not. */
export async function openRepo(root: string, signal: AbortSignal): Promise<GitRepo> {
  const versionText = (await gitOk(root, ['--version'], { signal, what: 'git --version' })).trim();
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(versionText);
  const version: [number, number, number] = [
    Number(match?.[1] ?? 0),
    Number(match?.[2] ?? 0),
    Number(match?.[3] ?? 0),
  ];
  const probe = await git(root, ['rev-parse', '--is-inside-work-tree', '--show-toplevel'], { signal });
  const [inside, toplevel] = probe.stdout.trim().split('\n');
  if (probe.exitCode !== 0 || inside !== 'true' || !toplevel) {
    throw new ToolError(`The workspace root ${root} is not inside a git repository (work tree).`, {
      hint: 'Run `git init` there (and commit a first version) to let Tandem review and commit changes.',
    });
  }
  return { version, toplevel };
}

export function atLeast(version: readonly number[], wanted: readonly number[]): boolean {
  for (let i = 0; i < wanted.length; i++) {
    const have = version[i] ?? 0;
    const want = wanted[i] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}
