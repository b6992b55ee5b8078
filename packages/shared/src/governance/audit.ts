// Audit stage: one JSON line per call under <root>/.tandem/audit.jsonl. It records the shape of the
// arguments, never their values, so nothing a caller sends ends up in the log verbatim.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log/logger.js';
import type { Identity } from './identity.js';

export type CallOutcome = 'ok' | 'error' | 'timeout' | 'cancelled';

export interface AuditRecord {
  time: string;
  server: string;
  tool: string;
  request_id: string | number;
  identity: Identity;
  args_shape: unknown;
  outcome: CallOutcome;
  /** Class of the error (ToolError, CallTimeoutError, ...) when outcome is not ok. */
  error_type?: string;
  duration_ms: number;
  request_bytes: number;
  response_bytes: number;
}

const MAX_DEPTH = 4;
const MAX_KEYS = 40;

/** Types and sizes of a value, without its content: `{ path: "string(12)", limit: "number" }`. */
export function argumentShape(value: unknown, depth = 0): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (depth >= MAX_DEPTH || value.length === 0) return `array(${value.length})`;
    return [argumentShape(value[0], depth + 1), `…${value.length} items`];
  }
  switch (typeof value) {
    case 'string':
      return `string(${value.length})`;
    case 'object': {
      if (depth >= MAX_DEPTH) return 'object';
      const entries = Object.entries(value as Record<string, unknown>);
      const shape: Record<string, unknown> = {};
      for (const [key, item] of entries.slice(0, MAX_KEYS))
        shape[key.slice(0, 64)] = argumentShape(item, depth + 1);
      if (entries.length > MAX_KEYS) shape['…'] = `${entries.length - MAX_KEYS} more keys`;
      return shape;
    }
    default:
      return typeof value;
  }
}

export class AuditLog {
  readonly file: string;
  private pending: Promise<void> = Promise.resolve();
  private dirReady = false;
  private warned = false;

  constructor(
    stateDir: string,
    private readonly logger: Logger,
  ) {
    this.file = path.join(stateDir, 'audit.jsonl');
  }

  /** Queues the record; writes are serialized so lines never interleave. */
  append(record: AuditRecord): void {
    const line = `${JSON.stringify(record)}\n`;
    this.pending = this.pending.then(() => this.write(line));
  }

  /** Resolves once every queued record is on disk (or has failed and been reported). */
  flush(): Promise<void> {
    return this.pending;
  }

  private async write(line: string): Promise<void> {
    try {
      if (!this.dirReady) {
        await mkdir(path.dirname(this.file), { recursive: true });
        this.dirReady = true;
      }
      await appendFile(this.file, line, 'utf8');
    } catch (error) {
      // A read-only workspace must not fail the calls themselves; say so once.
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`cannot write the audit log ${this.file}: ${(error as Error).message}`);
      }
    }
  }
}
