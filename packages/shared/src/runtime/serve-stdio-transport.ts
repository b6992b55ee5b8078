// The stdio transport both servers serve on: newline-delimited JSON-RPC on stdin and stdout. Written
// here because the SDK's StdioServerTransport (1.32) drops a line that is not JSON, or not a JSON-RPC
// message, without a word (the client waits for an answer that never comes), and closes the whole
// transport once 10 MiB arrive without a newline (the server then exits). This one answers every
// malformed frame the way JSON-RPC 2.0 requires (-32700 parse error, -32600 invalid request, with the
// request's id when one can be read, else null), discards an over-long line up to its newline, and
// keeps serving.
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  ErrorCode,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/** The longest line read; a longer one is discarded and answered with a parse error. */
export const STDIO_MAX_LINE_BYTES = 10 * 1024 * 1024;

const NEWLINE = 0x0a;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

interface ErrorResponse {
  jsonrpc: '2.0';
  id: RequestId | null;
  error: { code: number; message: string };
}

function errorResponse(id: RequestId | null, code: number, message: string): ErrorResponse {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

/** The id of a would-be request, when it has one a response can carry. */
function readableId(value: unknown): RequestId | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

function describeIssue(value: unknown): string {
  if (typeof value !== 'object' || value === null) return 'a JSON-RPC message must be an object';
  const message = value as Record<string, unknown>;
  if (message.jsonrpc !== '2.0') return '"jsonrpc" must be "2.0"';
  if (!('method' in message) && !('result' in message) && !('error' in message)) return 'it has no "method"';
  if ('method' in message && typeof message.method !== 'string') return '"method" must be a string';
  if ('params' in message && (typeof message.params !== 'object' || message.params === null))
    return '"params" must be an object';
  return 'it is not a JSON-RPC 2.0 request, notification or response';
}

export class LenientStdioServerTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: Error) => void;
  onclose?: () => void;

  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Set while the rest of an over-long line is skipped, up to its newline. */
  private discarding = false;
  private atStreamStart = true;
  private started = false;

  constructor(
    private readonly stdin: NodeJS.ReadableStream = process.stdin,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly maxLineBytes = STDIO_MAX_LINE_BYTES,
  ) {}

  async start(): Promise<void> {
    if (this.started) throw new Error('The stdio transport is already started.');
    this.started = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
  }

  send(message: JSONRPCMessage | ErrorResponse | ErrorResponse[]): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.chunks = [];
    this.buffered = 0;
    this.onclose?.();
  }

  private readonly onStreamError = (error: Error) => this.onerror?.(error);

  private readonly onData = (chunk: Buffer | string) => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let newline = data.indexOf(NEWLINE); newline !== -1; newline = data.indexOf(NEWLINE)) {
      const tail = data.subarray(0, newline);
      data = data.subarray(newline + 1);
      if (this.discarding) {
        this.discarding = false;
        continue;
      }
      const line = this.buffered === 0 ? tail : Buffer.concat([...this.chunks, tail]);
      this.chunks = [];
      this.buffered = 0;
      if (line.length > this.maxLineBytes) this.refuseLongLine();
      else this.handleLine(line);
    }
    if (data.length === 0 || this.discarding) return;
    if (this.buffered + data.length > this.maxLineBytes) {
      this.chunks = [];
      this.buffered = 0;
      this.discarding = true;
      this.refuseLongLine();
      return;
    }
    // Copied: a stream may reuse the chunk's memory once this handler returns.
    this.chunks.push(Buffer.from(data));
    this.buffered += data.length;
  };

  private refuseLongLine(): void {
    const mib = Math.round((this.maxLineBytes / 1024 / 1024) * 10) / 10;
    this.reply(errorResponse(null, ErrorCode.ParseError, `Parse error: a line over the ${mib} MiB limit`));
  }

  private handleLine(bytes: Buffer): void {
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      this.reply(errorResponse(null, ErrorCode.ParseError, 'Parse error: the line is not valid UTF-8'));
      return;
    }
    // A byte order mark some Windows tools put at the start of a stream is not part of the message.
    if (this.atStreamStart || text.charCodeAt(0) === 0xfeff) text = text.replace(/^\uFEFF/, '');
    this.atStreamStart = false;
    text = text.replace(/\r$/, '');
    if (text.trim() === '') return; // blank lines between messages carry nothing
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.reply(errorResponse(null, ErrorCode.ParseError, `Parse error: ${(error as Error).message}`));
      return;
    }
    if (Array.isArray(value)) {
      this.refuseBatch(value);
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      // A malformed response (it has result or error) gets no answer: responses are never answered.
      const looksLikeResponse =
        typeof value === 'object' &&
        value !== null &&
        !('method' in value) &&
        ('result' in value || 'error' in value);
      if (!looksLikeResponse)
        this.reply(
          errorResponse(
            readableId(value),
            ErrorCode.InvalidRequest,
            `Invalid Request: ${describeIssue(value)}`,
          ),
        );
      return;
    }
    try {
      this.onmessage?.(parsed.data);
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }

  /**
   * MCP 2025-06-18 removed JSON-RPC batching and the SDK answers one message at a time, so a batch is
   * refused as JSON-RPC 2.0 says an invalid batch is: an empty one with one Invalid Request error,
   * otherwise an array with an error per request in it (notifications get none).
   */
  private refuseBatch(batch: unknown[]): void {
    if (batch.length === 0) {
      this.reply(errorResponse(null, ErrorCode.InvalidRequest, 'Invalid Request: an empty batch'));
      return;
    }
    const message = 'Invalid Request: batches are not supported; send one message per line';
    const answers = batch
      .filter(
        (item) =>
          readableId(item) !== null || typeof item !== 'object' || item === null || !('method' in item),
      )
      .filter((item) => !(typeof item === 'object' && item !== null && ('result' in item || 'error' in item)))
      .map((item) => errorResponse(readableId(item), ErrorCode.InvalidRequest, message));
    if (answers.length > 0) void this.send(answers);
    this.onerror?.(new Error(`refused a batch of ${batch.length} messages`));
  }

  private reply(response: ErrorResponse): void {
    this.onerror?.(new Error(response.error.message));
    void this.send(response);
  }
}
