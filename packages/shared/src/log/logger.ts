// The one logger of both servers. stdout belongs to JSON-RPC, so every line goes to stderr.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
}

function levelFromEnv(): LogLevel {
  const raw = process.env.TANDEM_LOG_LEVEL?.toLowerCase();
  return raw && raw in ORDER ? (raw as LogLevel) : 'info';
}

export function createLogger(component: string, level: LogLevel = levelFromEnv()): Logger {
  const write = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] > ORDER[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    process.stderr.write(`${new Date().toISOString()} ${at.padEnd(5)} [${component}] ${message}${extra}\n`);
  };
  return {
    error: (m, f) => write('error', m, f),
    warn: (m, f) => write('warn', m, f),
    info: (m, f) => write('info', m, f),
    debug: (m, f) => write('debug', m, f),
    child: (sub) => createLogger(`${component}:${sub}`, level),
  };
}
