// Command-line arguments shared by both servers: --root, the transport (stdio, or Streamable HTTP
// with --host/--port/--no-auth/--stateless), --help, --version.
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { canonicalRoot } from '../workspace/resolve-in-root.js';

export type TransportKind = 'stdio' | 'http';

export interface HttpArgs {
  host: string;
  /** 0 picks a free port; the one bound is logged. */
  port: number;
  /** Serve without authentication; only accepted on a loopback host. */
  noAuth: boolean;
  /** No sessions: every POST is answered on its own. */
  stateless: boolean;
}

export interface ServerArgs {
  root: string;
  transport: TransportKind;
  /** Set when transport is http. */
  http?: HttpArgs;
}

export interface ServerCliInfo {
  bin: string;
  version: string;
  summary: string;
}

export const DEFAULT_HTTP_HOST = '127.0.0.1';

function usage(info: ServerCliInfo): string {
  return `${info.bin} ${info.version} — ${info.summary}

Usage: ${info.bin} [--root <dir>] [--transport stdio|http] [--host <addr>] [--port <n>] [--no-auth] [--stateless]

Speaks MCP over stdio by default (JSON-RPC on stdout, logs on stderr), or Streamable HTTP on
http://<host>:<port>/mcp with bearer-token authentication (see docs/http.md).

Options:
  --root <dir>         workspace root; every path argument stays inside it (default: current directory)
  --transport <kind>   stdio (default) or http
  --host <addr>        HTTP: address to bind (default ${DEFAULT_HTTP_HOST})
  --port <n>           HTTP: port to bind; 0 picks a free one (default 0)
  --no-auth            HTTP: serve without authentication (loopback hosts only)
  --stateless          HTTP: no sessions; every request stands alone
  --help               show this help
  --version            show the version

Environment:
  TANDEM_LOG_LEVEL     error | warn | info | debug (default info)
  TANDEM_JWT_SECRET    HTTP: shared secret of HS256 tokens (the config's auth.jwt.secret_env names another)
`;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./.test(bare);
  return false;
}

function fail(info: ServerCliInfo, message: string): never {
  process.stderr.write(`${info.bin}: ${message}\n`);
  process.exit(2);
}

/** Parses argv; prints help or version and exits, or exits 2 with a message on bad input. */
export function parseServerArgs(argv: string[], info: ServerCliInfo): ServerArgs {
  let values: {
    root?: string;
    transport?: string;
    host?: string;
    port?: string;
    'no-auth'?: boolean;
    stateless?: boolean;
    help?: boolean;
    version?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        transport: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string' },
        'no-auth': { type: 'boolean' },
        stateless: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(info, `${(error as Error).message}\nRun ${info.bin} --help for usage.`);
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
    fail(info, `--root ${requested} ${reason}. Give an existing directory.`);
  }
  const root = canonicalRoot(requested);

  const transport = values.transport ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'http') {
    fail(info, `--transport must be stdio or http, not "${transport}".`);
  }
  if (transport === 'stdio') {
    const httpOnly = (['host', 'port', 'no-auth', 'stateless'] as const).filter(
      (key) => values[key] !== undefined,
    );
    if (httpOnly.length > 0) {
      fail(info, `--${httpOnly[0]} applies to HTTP only: add --transport http.`);
    }
    return { root, transport };
  }

  const host = values.host ?? DEFAULT_HTTP_HOST;
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    fail(info, `--port must be a whole number from 0 to 65535, not "${portText}".`);
  }
  const noAuth = values['no-auth'] === true;
  if (noAuth && !isLoopbackHost(host)) {
    fail(
      info,
      `--no-auth is refused on --host ${host}: without authentication the server binds to loopback only ` +
        `(127.0.0.1, ::1 or localhost). Configure auth (docs/http.md) to serve on ${host}.`,
    );
  }
  return { root, transport, http: { host, port, noAuth, stateless: values.stateless === true } };
}
