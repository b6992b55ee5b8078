// Runs a server over MCP Streamable HTTP on node:http: `/mcp` for MCP (stateful sessions, or
// stateless with --stateless), `/healthz` and `/readyz` as plain JSON without authentication.
// Every MCP request passes the DNS-rebinding guard, then bearer authentication; the verified
// identity rides on the SDK's authInfo into the seam's identity stage. Logs go to stderr only.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { AuthConfig } from '../config/auth.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { type Authenticator, AuthSetupError, createAuthenticator } from '../governance/http-auth.js';
import { AUTH_IDENTITY_KEY, type Identity } from '../governance/identity.js';
import { flushLogs, type Logger } from '../log/logger.js';
import { type HostPolicy, hostPolicy, rejectForeignHost } from './http-guard.js';
import { keepStdoutForProtocol } from './serve-stdio.js';
import type { HttpArgs } from './server-args.js';

export const MCP_PATH = '/mcp';
/** Largest POST body read; the SDK's transport uses the same bound when it reads bodies itself. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_IDLE_SESSION_MS = 30 * 60_000;

export interface ReadinessCheck {
  ok: boolean;
  detail?: string;
}

export interface HttpServerOptions {
  /** Makes one MCP server per session (or per request when stateless), over shared services. */
  spawn: () => Server;
  http: HttpArgs;
  logger: Logger;
  /** Undefined only with --no-auth: then every caller is `anonymous`. */
  authenticator: Authenticator | undefined;
  anonymous: Identity;
  hosts: HostPolicy;
  /** Extra readiness checks (e.g. the orchestrator's coder); all must pass for /readyz to say 200. */
  readiness?: () => Promise<Record<string, ReadinessCheck>>;
  /** Sessions without a request for this long are closed. */
  idleSessionMs?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Sessions open now. */
  sessions(): number;
  /** Stops accepting, closes every session and connection. */
  close(): Promise<void>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  server: Server;
  subject: string;
  lastSeen: number;
}

type AuthedRequest = IncomingMessage & { auth?: AuthInfo };

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** The JSON-RPC error body the SDK's transport itself answers with, so clients parse both alike. */
function rpcError(res: ServerResponse, status: number, message: string, code = -32000) {
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null });
}

function quoted(text: string): string {
  return `"${text.replace(/["\\]/g, "'")}"`;
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
    throw new HttpFailure(413, `request body over ${MAX_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpFailure(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HttpFailure(400, `Parse error: ${(error as Error).message}`);
  }
}

function urlOf(host: string, port: number): string {
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${port}${MCP_PATH}`;
}

/** Starts listening; throws when the port cannot be bound. The caller owns the process. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger, http } = options;
  // Loaded only in HTTP mode: it brings Hono's Node adapter, which stdio servers never need.
  const { StreamableHTTPServerTransport } = await import(
    '@modelcontextprotocol/sdk/server/streamableHttp.js'
  );
  const sessions = new Map<string, Session>();
  const started = Date.now();
  let closing = false;

  const closeSession = async (id: string, why: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    logger.debug(`session ${id.slice(0, 8)} closed (${why})`);
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  };

  const authenticate = async (req: AuthedRequest, res: ServerResponse): Promise<Identity | undefined> => {
    if (!options.authenticator) {
      req.auth = authInfoOf(options.anonymous, '');
      return options.anonymous;
    }
    const result = await options.authenticator.authenticate(req.headers.authorization);
    if (!result.ok) {
      const challenge = result.error
        ? `Bearer realm="tandem", error="${result.error}", error_description=${quoted(result.reason)}`
        : 'Bearer realm="tandem"';
      logger.info(`401 ${req.method} ${MCP_PATH}: ${result.reason}`);
      sendJson(
        res,
        401,
        { error: result.error ?? 'unauthorized', reason: result.reason },
        { 'www-authenticate': challenge },
      );
      return undefined;
    }
    req.auth = authInfoOf(result.identity, result.token, result.expiresAt);
    return result.identity;
  };

  const handleStateless = async (req: AuthedRequest, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return rpcError(res, 405, 'Method not allowed: this server is stateless (POST only).');
    }
    const body = await readJsonBody(req);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = options.spawn();
    res.on('close', () => {
      void transport.close().catch(() => undefined);
      void server.close().catch(() => undefined);
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const handleStateful = async (req: AuthedRequest, res: ServerResponse, identity: Identity) => {
    const header = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'DELETE') {
      res.setHeader('allow', 'GET, POST, DELETE');
      return rpcError(res, 405, 'Method not allowed.');
    }
    if (sessionId !== undefined) {
      const session = sessions.get(sessionId);
      if (!session) return rpcError(res, 404, 'Session not found: initialize a new session.', -32001);
      // A session id leaked to another caller must not let it act inside that session.
      if (session.subject !== identity.subject) {
        return sendJson(res, 403, { error: 'forbidden', reason: 'this session belongs to another identity' });
      }
      session.lastSeen = Date.now();
      const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST') {
      return rpcError(res, 400, 'Bad Request: no session id (send Mcp-Session-Id, or initialize first).');
    }
    const body = await readJsonBody(req);
    const initializing = Array.isArray(body) ? body.some(isInitializeRequest) : isInitializeRequest(body);
    if (!initializing) {
      return rpcError(res, 400, 'Bad Request: no session id (send Mcp-Session-Id, or initialize first).');
    }
    const server = options.spawn();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, subject: identity.subject, lastSeen: Date.now() });
        logger.debug(`session ${id.slice(0, 8)} opened for ${identity.subject}`);
      },
      onsessionclosed: (id) => void closeSession(id, 'client ended it'),
    });
    transport.onclose = () => {
      const id = transport.sessionId;
      if (id && sessions.get(id)?.transport === transport) void closeSession(id, 'transport closed');
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const handle = async (req: AuthedRequest, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (closing) return sendJson(res, 503, { status: 'shutting_down' }, { connection: 'close' });
    if (pathname === '/healthz') {
      return sendJson(res, 200, { status: 'ok', uptime_s: Math.round((Date.now() - started) / 1000) });
    }
    if (pathname === '/readyz') {
      const checks = await readinessOf(options.readiness);
      const ready = Object.values(checks).every((check) => check.ok);
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', checks });
    }
    if (pathname !== MCP_PATH) {
      return sendJson(res, 404, {
        error: 'not_found',
        reason: `MCP is served at ${MCP_PATH}; health at /healthz and /readyz`,
      });
    }
    const foreign = rejectForeignHost(req, options.hosts);
    if (foreign) {
      logger.warn(`403 ${req.method} ${MCP_PATH}: ${foreign}`);
      return rpcError(res, 403, `Forbidden: ${foreign}`);
    }
    const identity = await authenticate(req, res);
    if (!identity) return;
    if (http.stateless) return handleStateless(req, res);
    return handleStateful(req, res, identity);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpFailure) {
        return rpcError(res, error.status, error.message, error.status === 400 ? -32700 : -32000);
      }
      logger.error(`HTTP ${req.method} ${req.url ?? ''} failed: ${(error as Error).message}`);
      rpcError(res, 500, 'Internal error', -32603);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(http.port, http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error(`HTTP server error: ${error.message}`));
  const port = (server.address() as AddressInfo).port;

  const idleMs = options.idleSessionMs ?? DEFAULT_IDLE_SESSION_MS;
  const sweeper = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const [id, session] of sessions) if (session.lastSeen < cutoff) void closeSession(id, 'idle');
    },
    Math.min(idleMs, 60_000),
  );
  sweeper.unref();

  return {
    url: urlOf(http.host, port),
    port,
    sessions: () => sessions.size,
    close: async () => {
      closing = true;
      clearInterval(sweeper);
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...sessions.keys()].map((id) => closeSession(id, 'shutting down')));
      server.closeIdleConnections();
      // Streams (SSE) still open after their sessions closed are ended rather than waited for.
      server.closeAllConnections();
      await stopped;
    },
  };
}

function authInfoOf(identity: Identity, token: string, expiresAt?: number): AuthInfo {
  return {
    token,
    clientId: identity.subject,
    scopes: [identity.role],
    ...(expiresAt === undefined ? {} : { expiresAt }),
    extra: { [AUTH_IDENTITY_KEY]: identity },
  };
}

async function readinessOf(extra: HttpServerOptions['readiness']): Promise<Record<string, ReadinessCheck>> {
  if (!extra) return {};
  try {
    return await extra();
  } catch (error) {
    return { readiness: { ok: false, detail: (error as Error).message } };
  }
}

export interface HttpServe {
  root: string;
  http: HttpArgs;
  logger: Logger;
  /** The server's tools: `spawn` makes a server per session, `identity` is the local user. */
  toolServer: { spawn: () => Server; identity: Identity };
  /** Server cleanup (children, pending writes); bounded by `shutdownTimeoutMs`. */
  cleanup: () => Promise<void>;
  readiness?: () => Promise<Record<string, ReadinessCheck>>;
  shutdownTimeoutMs?: number;
}

/** Logs why the server cannot run and exits, once the log line is written out (redaction may queue it). */
async function refuse(logger: Logger, message: string, code = 2): Promise<never> {
  logger.error(message);
  await flushLogs();
  process.exit(code);
}

/**
 * Serves over HTTP for the life of the process: reads the `auth` config, refuses to start without an
 * authentication method (unless --no-auth, which the argument parser allows on loopback only), and
 * exits cleanly on SIGTERM/SIGINT/SIGHUP after closing the sessions and the server's own cleanup.
 */
export async function serveHttp(options: HttpServe): Promise<RunningHttpServer> {
  keepStdoutForProtocol();
  const { logger, http } = options;
  let auth: AuthConfig;
  try {
    auth = loadConfig(options.root, { logger }).config.auth;
  } catch (error) {
    if (error instanceof ConfigError)
      await refuse(logger, `cannot serve over HTTP: ${error.message} ${error.hint ?? ''}`);
    throw error;
  }

  let authenticator: Authenticator | undefined;
  try {
    authenticator = http.noAuth ? undefined : await createAuthenticator(auth, { root: options.root });
  } catch (error) {
    if (error instanceof AuthSetupError) await refuse(logger, `cannot serve over HTTP: ${error.message}`);
    throw error;
  }
  const anonymous: Identity = { ...options.toolServer.identity, transport: 'http' };
  if (!http.noAuth && !authenticator) {
    await refuse(
      logger,
      `HTTP mode needs authentication and none is configured: set $${auth.jwt.secret_env} (a secret of 32+ ` +
        'characters for HS256 tokens), or auth.jwt.jwks_file or auth.static_tokens in .tandem/config.yaml; ' +
        'or, for local use only, pass --no-auth with a loopback --host. See docs/http.md.',
    );
  }

  let running: RunningHttpServer;
  try {
    running = await startHttpServer({
      spawn: options.toolServer.spawn,
      http,
      logger,
      authenticator,
      anonymous,
      hosts: hostPolicy(http.host, auth.http),
      readiness: async () => {
        const checks: Record<string, ReadinessCheck> = {};
        try {
          loadConfig(options.root);
          checks.config = { ok: true };
        } catch (error) {
          checks.config = { ok: false, detail: (error as Error).message };
        }
        return { ...checks, ...(await options.readiness?.()) };
      },
    });
  } catch (error) {
    return await refuse(logger, `cannot listen on ${http.host}:${http.port}: ${(error as Error).message}`, 1);
  }

  let shuttingDown = false;
  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info(`shutting down (${reason})`);
    const limitMs = options.shutdownTimeoutMs ?? 5000;
    const deadline = new Promise<void>((resolve) =>
      setTimeout(() => {
        logger.warn(`shutdown still unfinished after ${limitMs} ms; exiting anyway`);
        resolve();
      }, limitMs).unref(),
    );
    try {
      await Promise.race([
        (async () => {
          await running.close();
          await options.cleanup();
          logger.info('shut down cleanly');
        })(),
        deadline,
      ]);
    } catch (error) {
      logger.warn(`cleanup failed: ${(error as Error).message}`);
    }
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.on(signal, () => void shutdown(signal));

  const how = authenticator
    ? `auth: ${authenticator.methods.join('; ')}`
    : `NO AUTHENTICATION (--no-auth): every caller acts as ${anonymous.subject} (role ${anonymous.role})`;
  if (!authenticator) logger.warn(`authentication is off; loopback only`);
  logger.info(`ready on ${running.url} (${http.stateless ? 'stateless' : 'stateful sessions'}; ${how})`);
  return running;
}
