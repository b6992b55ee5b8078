// The orchestrator's one supervised MCP client to its coder: a child process over stdio, started on
// first use with an explicit environment, pinged while idle, restarted with capped exponential backoff
// after it goes away, and fenced by a circuit breaker after repeated failures. Every call is typed by
// the coder's schemas in @tandem/shared and its result checked against them.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, ErrorCode, McpError, type Progress } from '@modelcontextprotocol/sdk/types.js';
import type { JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import {
  IDENTITY_META_KEY,
  type Logger,
  PolicyRefusal,
  type Principal,
  REFUSAL_META_KEY,
  type RefusalDetails,
  ToolError,
  WITHHELD_META_KEY,
  writeLogLine,
} from '@tandem/shared';
import {
  type CoderToolInput,
  type CoderToolName,
  type CoderToolOutput,
  coderTools,
} from '@tandem/shared/schemas';
import { buildCoderEnvironment } from './coder-environment.js';

export type CoderState = 'not_started' | 'starting' | 'ready' | 'restarting' | 'circuit_open' | 'stopped';

export interface CoderClientOptions {
  root: string;
  /** Built coder entry (apps/coder/dist/main.js). */
  entry: string;
  logger: Logger;
  clientVersion: string;
  nodePath?: string;
  startTimeoutMs?: number;
  /** Per-call timeout; it starts again whenever the coder reports progress. */
  callTimeoutMs?: number;
  /** Ceiling for a call however much progress it reports. */
  maxCallMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Consecutive failures after which the circuit opens. */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  /** Idle health ping period; 0 disables it. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** The caller this call is made for; it travels in `_meta` and lands in the coder's audit. */
  onBehalfOf?: Principal;
  timeoutMs?: number;
}

export interface CoderHealth {
  state: CoderState;
  pid: number | null;
  uptime_s: number | null;
  restarts: number;
  consecutive_failures: number;
  last_error: string | null;
  round_trip_ms: number | null;
  circuit: { state: 'closed' | 'open'; retry_at: string | null };
  tools: string[];
}

interface Connection {
  client: Client;
  transport: StdioClientTransport;
  pid: number | null;
  startedAt: number;
  tools: string[];
}

const STDERR_TAIL_LINES = 20;

/**
 * The SDK's client checks each structured result against the output schema the coder lists, with Ajv.
 * call() checks it against the shared zod schema this orchestrator was built with, which is the
 * contract it relies on and also catches a coder of another build; the SDK's pass would check the
 * same result a second time on every delegated call, after compiling every tool's schema (about
 * 0.5 s of CPU) each time the coder starts. So the SDK is given validators that accept, and call()
 * does the checking.
 */
const CHECKED_BY_CALL: jsonSchemaValidator = {
  getValidator<T>(): JsonSchemaValidator<T> {
    return (input) => ({ valid: true, data: input as T, errorMessage: undefined });
  },
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function isConnectionLoss(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /connection closed|not connected|EPIPE|write after end/i.test(message);
}

/**
 * The coder died while starting (its pipe closed before initialize or the tool list was answered):
 * nothing of the call reached it, so the call may go to a fresh coder whatever the tool does.
 */
class CoderLostWhileStarting extends ToolError {}

function shuttingDown(): ToolError {
  return new ToolError('The orchestrator is shutting down; the coder is stopped.');
}

function isTimeout(error: unknown): boolean {
  return error instanceof McpError && error.code === ErrorCode.RequestTimeout;
}

export class CoderClient {
  private readonly options: Required<Omit<CoderClientOptions, 'logger'>> & { logger: Logger };
  private connection: Connection | undefined;
  private starting: Promise<Connection> | undefined;
  private everStarted = false;
  private closing = false;
  private restarts = 0;
  private consecutiveFailures = 0;
  private lastError: string | null = null;
  private nextAttemptAt = 0;
  private circuitOpenUntil = 0;
  private pingTimer: NodeJS.Timeout | undefined;
  private stderrTail: string[] = [];

  constructor(options: CoderClientOptions) {
    this.options = {
      nodePath: process.execPath,
      startTimeoutMs: 15_000,
      callTimeoutMs: 60_000,
      maxCallMs: 15 * 60_000,
      backoffInitialMs: 250,
      backoffMaxMs: 8_000,
      breakerThreshold: 5,
      breakerCooldownMs: 30_000,
      pingIntervalMs: 30_000,
      pingTimeoutMs: 5_000,
      ...options,
    };
  }

  get state(): CoderState {
    if (this.closing) return 'stopped';
    if (this.circuitOpenUntil > Date.now()) return 'circuit_open';
    if (this.connection) return 'ready';
    if (this.starting) return this.everStarted ? 'restarting' : 'starting';
    return this.everStarted ? 'restarting' : 'not_started';
  }

  /** Calls a coder tool with arguments and result typed and checked by the shared schemas. */
  async call<N extends CoderToolName>(
    name: N,
    args: CoderToolInput<N>,
    options: CallOptions = {},
  ): Promise<CoderToolOutput<N>> {
    const contract = coderTools[name];
    const input = contract.input.safeParse(args);
    if (!input.success) {
      throw new ToolError(
        `Arguments for the coder's ${name} are invalid: ${input.error.issues[0]?.message}.`,
      );
    }
    // A read-only call lost to a coder crash is safe to send again once, to the restarted coder.
    const attempts = contract.readOnly ? 2 : 1;
    for (let attempt = 1; ; attempt++) {
      let connection: Connection;
      try {
        connection = await this.connect(options.signal);
      } catch (error) {
        // Killed while starting: the call never reached it, so one more start is safe for any tool.
        if (error instanceof CoderLostWhileStarting && attempt < 2 && !options.signal?.aborted) continue;
        throw error;
      }
      try {
        const result = await connection.client.callTool(
          {
            name,
            arguments: input.data as Record<string, unknown>,
            ...(options.onBehalfOf ? { _meta: { [IDENTITY_META_KEY]: options.onBehalfOf } } : {}),
          },
          CallToolResultSchema,
          {
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.onProgress ? { onprogress: options.onProgress } : {}),
            timeout: options.timeoutMs ?? this.options.callTimeoutMs,
            resetTimeoutOnProgress: true,
            maxTotalTimeout: this.options.maxCallMs,
          },
        );
        this.consecutiveFailures = 0;
        if (result.isError) {
          const parts = result.content as Array<{ type: string; text?: string }>;
          const text = parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n');
          // The coder's policy refused the call: keep it a refusal, so its details (the missing
          // permission, the reset time, retry_after_seconds) reach our caller too.
          const refusal = result._meta?.[REFUSAL_META_KEY] as RefusalDetails | undefined;
          if (refusal && typeof refusal.reason === 'string')
            throw new PolicyRefusal('DelegatedRefusal', text, refusal);
          throw new ToolError(text || `The coder's ${name} failed without a message.`);
        }
        const output = contract.output.safeParse(result.structuredContent);
        if (!output.success) {
          throw new ToolError(
            `The coder's ${name} returned a result that does not match its schema (${output.error.issues[0]?.message}).`,
            { hint: 'The coder and orchestrator builds differ: rebuild both (npm run build).' },
          );
        }
        return output.data as CoderToolOutput<N>;
      } catch (error) {
        if (error instanceof ToolError || options.signal?.aborted) throw error;
        if (isConnectionLoss(error)) {
          // The SDK may not have handled the close yet: forget the dead connection now.
          if (this.connection === connection) this.onConnectionLost(connection);
          if (attempt < attempts) continue;
          throw new ToolError(
            `The coder went away during ${name} (${this.lastError ?? 'connection closed'}).`,
            {
              hint: 'It restarts on the next call; retry if the call is safe to repeat.',
            },
          );
        }
        if (isTimeout(error)) {
          throw new ToolError(`The coder did not answer ${name} in time.`, {
            hint: 'The timer restarts whenever the coder reports progress; narrow the request or raise the timeout.',
          });
        }
        throw new ToolError(`Delegated call ${name} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Starts the coder if needed, pings it and reports its health; never throws. */
  async health(signal?: AbortSignal): Promise<CoderHealth> {
    let roundTrip: number | null = null;
    // A second attempt covers a coder that died just before the ping, before its close was handled.
    for (let attempt = 1; attempt <= 2 && roundTrip === null; attempt++) {
      let connection: Connection | undefined;
      try {
        connection = await this.connect(signal);
        const started = performance.now();
        await connection.client.ping({ timeout: this.options.pingTimeoutMs });
        roundTrip = Math.round((performance.now() - started) * 1000) / 1000;
        this.consecutiveFailures = 0;
      } catch (error) {
        if (!(error instanceof ToolError)) this.lastError = `ping failed: ${(error as Error).message}`;
        if (connection === undefined || !isConnectionLoss(error) || signal?.aborted) break;
        if (this.connection === connection) this.onConnectionLost(connection);
      }
    }
    return this.snapshot(roundTrip);
  }

  snapshot(roundTripMs: number | null = null): CoderHealth {
    const connection = this.connection;
    const open = this.circuitOpenUntil > Date.now();
    return {
      state: this.state,
      pid: connection?.pid ?? null,
      uptime_s: connection ? Math.round((Date.now() - connection.startedAt) / 100) / 10 : null,
      restarts: this.restarts,
      consecutive_failures: this.consecutiveFailures,
      last_error: this.lastError,
      round_trip_ms: roundTripMs,
      circuit: {
        state: open ? 'open' : 'closed',
        retry_at: open ? new Date(this.circuitOpenUntil).toISOString() : null,
      },
      tools: connection?.tools ?? [],
    };
  }

  /** Stops the coder and waits for it to exit; the client refuses calls afterwards. */
  async close(): Promise<void> {
    this.closing = true;
    this.stopPinging();
    const connection = this.connection ?? (await this.starting?.catch(() => undefined));
    this.connection = undefined;
    await connection?.client.close().catch(() => undefined);
  }

  private async connect(signal?: AbortSignal): Promise<Connection> {
    if (this.closing) throw shuttingDown();
    if (this.connection) return this.connection;
    if (this.starting) return this.starting;
    const now = Date.now();
    if (this.circuitOpenUntil > now) {
      const seconds = Math.ceil((this.circuitOpenUntil - now) / 1000);
      throw new ToolError(
        `The coder is unavailable: it failed ${this.consecutiveFailures} times in a row (last error: ${this.lastError}).`,
        {
          hint: `The circuit breaker lets the next start through at ${new Date(this.circuitOpenUntil).toISOString()} (in ${seconds} s).`,
        },
      );
    }
    if (this.nextAttemptAt > now) await sleep(this.nextAttemptAt - now, signal);
    if (this.closing) throw shuttingDown();
    if (this.connection) return this.connection;
    this.starting ??= this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<Connection> {
    const { logger } = this.options;
    this.stderrTail = [];
    const transport = new StdioClientTransport({
      command: this.options.nodePath,
      args: [this.options.entry, '--root', this.options.root],
      env: buildCoderEnvironment(process.env),
      cwd: this.options.root,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => this.forwardStderr(chunk));
    const client = new Client(
      { name: 'tandem-orchestrator', version: this.options.clientVersion },
      { jsonSchemaValidator: CHECKED_BY_CALL },
    );
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.connect(transport),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`it did not answer initialize within ${this.options.startTimeoutMs} ms`)),
            this.options.startTimeoutMs,
          );
        }),
      ]);
      const { tools, _meta: listMeta } = await client.listTools();
      const names = tools.map((tool) => tool.name);
      const missing = Object.keys(coderTools).filter((name) => !names.includes(name));
      // Tools our role may not call are withheld from the listing: only more missing means a stale build.
      const withheld = Number(listMeta?.[WITHHELD_META_KEY] ?? 0);
      if (missing.length > withheld)
        throw new Error(`it lacks the tools ${missing.join(', ')}; rebuild it (npm run build)`);
      if (this.closing) throw shuttingDown(); // closed while starting: the catch below stops it
      const connection: Connection = {
        client,
        transport,
        pid: transport.pid,
        startedAt: Date.now(),
        tools: names,
      };
      client.onclose = () => this.onConnectionLost(connection);
      if (this.everStarted) this.restarts += 1;
      this.everStarted = true;
      this.connection = connection;
      this.nextAttemptAt = 0;
      this.startPinging();
      logger.info(`coder ready (pid ${connection.pid})`);
      return connection;
    } catch (error) {
      await client.close().catch(() => undefined);
      if (error instanceof ToolError) throw error;
      const reason = `${(error as Error).message}${this.stderrSummary()}`;
      this.recordFailure(`start failed: ${reason}`);
      // Its pipe closed mid-start: killed from outside, or crashed (then stderr's last line says why).
      if (isConnectionLoss(error)) {
        throw new CoderLostWhileStarting(`The coder exited while starting (${reason}).`, {
          hint: 'It restarts on the next call; retry. If it keeps exiting, check that it is built (npm run build).',
        });
      }
      throw new ToolError(`Could not start the coder: ${reason}.`, {
        hint: 'Check that it is built (npm run build); `node apps/coder/dist/main.js --help` runs it by hand.',
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private onConnectionLost(connection: Connection): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.stopPinging();
    if (this.closing) return;
    this.recordFailure(`coder (pid ${connection.pid}) exited unexpectedly${this.stderrSummary()}`);
  }

  private recordFailure(message: string): void {
    this.consecutiveFailures += 1;
    this.lastError = message;
    const delay = Math.min(
      this.options.backoffInitialMs * 2 ** (this.consecutiveFailures - 1),
      this.options.backoffMaxMs,
    );
    this.nextAttemptAt = Date.now() + delay;
    if (this.consecutiveFailures >= this.options.breakerThreshold) {
      this.circuitOpenUntil = Date.now() + this.options.breakerCooldownMs;
      this.options.logger.error(
        `coder circuit open until ${new Date(this.circuitOpenUntil).toISOString()}: ${message}`,
      );
    } else {
      this.options.logger.warn(`${message}; next start in ${delay} ms`);
    }
  }

  private startPinging(): void {
    this.stopPinging();
    if (this.options.pingIntervalMs <= 0) return;
    this.pingTimer = setInterval(() => void this.pingOnce(), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  private stopPinging(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  /** A coder that stops answering pings is hung: close it so the next call starts a fresh one. */
  private async pingOnce(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    try {
      await connection.client.ping({ timeout: this.options.pingTimeoutMs });
    } catch (error) {
      if (this.connection !== connection) return;
      this.options.logger.warn(`coder did not answer a ping: ${(error as Error).message}; restarting it`);
      await connection.transport.close().catch(() => undefined);
    }
  }

  private forwardStderr(chunk: Buffer): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      // Through the log's redaction: the coder masks its own secrets, not the orchestrator's.
      writeLogLine(`[coder] ${line}`);
      this.stderrTail.push(line);
    }
    if (this.stderrTail.length > STDERR_TAIL_LINES)
      this.stderrTail.splice(0, this.stderrTail.length - STDERR_TAIL_LINES);
  }

  private stderrSummary(): string {
    const last = this.stderrTail.filter((line) => !/ info /.test(line)).at(-1);
    return last ? `; last stderr line: ${last.slice(0, 300)}` : '';
  }
}
