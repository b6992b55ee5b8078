// `tandem init` flags. Every bad flag is a UsageError (exit status 2).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli-io.js';

export const INIT_USAGE = `Usage: tandem init [dir] [--dry-run]

Adds Tandem to a git repository (dir, default: the current directory):
  .mcp.json            Claude Code: the servers tandem and tandem-coder (merged; other servers kept)
  .cursor/mcp.json     Cursor: the same two servers
  .tandem/config.yaml  every section with its defaults, commented out (only when there is none)
  justfile             an agent-validate recipe running the project's checks (appended when missing)
  .gitignore           .tandem/* ignored, !.tandem/config.yaml committed

Running it again changes nothing. Files Tandem cannot read safely (.mcp.json that is not JSON, a
justfile just cannot parse) stop it before anything is written.

  --dry-run   print the changes as unified diffs; write nothing
  --help      show this help

Exit status: 0 done (or nothing to change), 1 a write failed (the files written are listed),
2 refused: bad usage, not a directory, not a git repository, or an existing file it cannot merge.
`;

export interface InitOptions {
  dir: string;
  dryRun: boolean;
  help: boolean;
}

export function parseInitArgs(argv: string[], cwd: string): InitOptions {
  let parsed: ReturnType<
    typeof parseArgs<{
      args: string[];
      options: { 'dry-run': { type: 'boolean' }; help: { type: 'boolean'; short: 'h' } };
      strict: true;
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length > 1)
    throw new UsageError(
      `one directory at most (got ${parsed.positionals.map((p) => JSON.stringify(p)).join(' ')}).`,
    );
  return {
    dir: path.resolve(cwd, parsed.positionals[0] ?? '.'),
    dryRun: parsed.values['dry-run'] === true,
    help: parsed.values.help === true,
  };
}
