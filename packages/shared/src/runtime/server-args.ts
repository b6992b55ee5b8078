// Command-line arguments shared by both servers: --root, --help, --version.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { canonicalRoot } from '../workspace/resolve-in-root.js';

export interface ServerArgs {
  root: string;
}

export interface ServerCliInfo {
  bin: string;
  version: string;
  summary: string;
}

function usage(info: ServerCliInfo): string {
  return `${info.bin} ${info.version} — ${info.summary}

Usage: ${info.bin} [--root <dir>]

Speaks MCP over stdio (JSON-RPC on stdout, logs on stderr).

Options:
  --root <dir>   workspace root; every path argument stays inside it (default: current directory)
  --help         show this help
  --version      show the version

Environment:
  TANDEM_LOG_LEVEL   error | warn | info | debug (default info)
`;
}

/** Parses argv; prints help or version and exits, or exits 2 with a message on bad input. */
export function parseServerArgs(argv: string[], info: ServerCliInfo): ServerArgs {
  let values: { root?: string; help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${info.bin}: ${(error as Error).message}\nRun ${info.bin} --help for usage.\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stderr.write(usage(info));
    process.exit(0);
  }
  if (values.version) {
    process.stderr.write(`${info.version}\n`);
    process.exit(0);
  }
  const requested = path.resolve(values.root ?? process.cwd());
  try {
    if (!statSync(requested).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not a directory';
    process.stderr.write(`${info.bin}: --root ${requested} ${reason}. Give an existing directory.\n`);
    process.exit(2);
  }
  return { root: canonicalRoot(requested) };
}
