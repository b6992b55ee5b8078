// The one logger of both servers. stdout belongs to JSON-RPC, so every line goes to stderr, and every
// line is redacted on its way out (governance/redaction.ts): the values of secret environment
// variables, the config's regexes and generic assignments synchronously; secretlint's vendor patterns
// asynchronously, only for lines a cheap check says could hold one. Lines stay in order: once one
// waits for secretlint, the lines after it queue behind it.
import { defaultRedactor, type Redactor } from '../governance/redaction.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

type LineRedactor = Pick<Redactor, 'redactSync' | 'mayHoldVendorSecret' | 'redactVendorSecrets'>;

let redactor: LineRedactor | undefined;
/** Lines waiting for their secretlint pass, oldest first; empty when nothing waits. */
const queued: Array<{ text: string; done: boolean }> = [];
let draining: Promise<void> | undefined;

/**
 * Sets the redactor of every log line of this process (the server's, with its config's patterns).
 * Until it is called, lines are redacted with the environment alone.
 */
export function setLogRedactor(next: LineRedactor): void {
  redactor = next;
}

/** Any run a vendor token could hide in; used only for lines still queued when the process exits. */
const LONG_TOKEN = /[A-Za-z0-9_+/=-]{16,}/g;

/**
 * Writes one line (without its newline) to stderr, redacted. For text that does not come from a
 * Logger but must reach stderr all the same, such as a child process's own log lines.
 */
export function writeLogLine(line: string): void {
  const active = redactor ?? defaultRedactor();
  const masked = active.redactSync(line);
  if (queued.length === 0 && !active.mayHoldVendorSecret(masked)) {
    process.stderr.write(`${masked}\n`);
    return;
  }
  const entry = { text: masked, done: false };
  queued.push(entry);
  const redacted = active.redactVendorSecrets(masked).then(
    (text) => text,
    () => masked,
  );
  draining = (draining ?? Promise.resolve()).then(async () => {
    entry.text = await redacted;
    entry.done = true;
    queued.shift();
    process.stderr.write(`${entry.text}\n`);
  });
}

/** Resolves once every queued line is written; await it before exiting on purpose. */
export async function flushLogs(): Promise<void> {
  while (draining) {
    const current = draining;
    await current;
    if (draining === current) draining = undefined;
  }
}

// A process that exits with lines still waiting (process.exit, a crash) writes them at once with every
// long token masked: a line lost would hide why the process stopped, one unmasked could leak.
process.on('exit', () => {
  for (const entry of queued.splice(0)) {
    if (!entry.done) process.stderr.write(`${entry.text.replace(LONG_TOKEN, '****')}\n`);
  }
});

function levelFromEnv(): LogLevel {
  const raw = process.env.TANDEM_LOG_LEVEL?.toLowerCase();
  return raw && raw in ORDER ? (raw as LogLevel) : 'info';
}

export function createLogger(component: string, level: LogLevel = levelFromEnv()): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] > ORDER[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    writeLogLine(`${new Date().toISOString()} ${at.padEnd(5)} [${component}] ${message}${extra}`);
  };
  return {
    error: (m, f) => write('error', m, f),
    warn: (m, f) => write('warn', m, f),
    info: (m, f) => write('info', m, f),
    debug: (m, f) => write('debug', m, f),
    child: (sub) => createLogger(`${component}:${sub}`, level),
  };
}
