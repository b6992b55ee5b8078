// `tandem doctor` flags. Every bad flag is a UsageError (exit status 2).
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../cli-io.js';

export const DOCTOR_USAGE = `Usage: tandem doctor [options]

Checks what Tandem needs in a workspace and says how to fix what is missing: Node, just, git, the
linters, nix, .tandem/config.yaml, the justfile's agent-validate recipe, .mcp.json and
.cursor/mcp.json, and that both servers start and answer over stdio.

  --root <dir>   workspace root (default: the current directory)
  --json         the checks as one JSON object instead of a table
  --help         show this help

Exit status: 0 when every required check (node, just, git, config, coder, orchestrator) passes,
1 when one is missing or broken, 2 for bad usage. The linters, nix, the justfile and the MCP
client files only warn.
`;

export interface DoctorOptions {
  root: string;
  json: boolean;
  help: boolean;
}

export function parseDoctorArgs(argv: string[], cwd: string): DoctorOptions {
  let values: { root?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // node's messages name the flag: "Unknown option '--jsn'".
    throw new UsageError((error as Error).message);
  }
  const root = path.resolve(cwd, values.root ?? '.');
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--root ${root} is not a directory.`);
  return { root, json: values.json === true, help: values.help === true };
}
