// The redaction stage of the chain (after the handler, before the audit): what of a call is kept for
// the audit, bounded and with every secret masked. Argument values are kept (that is what makes the
// audit useful: which pattern, which paths) but clipped, and a value under a secret-looking key is
// masked whatever it looks like.
import { MASK } from '../secrets/mask.js';
import type { Redactor } from './redaction.js';

/** Keys whose string values are masked outright. Numbers stay: `max_tokens: 100` is no secret. */
export const SECRET_KEY =
  /passw(?:or)?d|^pwd$|secret|token|credential|authorization|cookie|api[_-]?key|private[_-]?key|access[_-]?key|^key$/i;

const MAX_DEPTH = 4;
const MAX_KEYS = 40;
const MAX_ITEMS = 10;
const MAX_KEY_CHARS = 64;
/** Characters of a string value kept in the audit. */
export const MAX_AUDIT_STRING = 256;
/** Characters of a string scanned for secrets; past MAX_AUDIT_STRING nothing is kept anyway. */
const SCAN_WINDOW = 16 * 1024;
/** Largest `args` kept, in bytes of JSON; a larger one is left out (the shape stays). */
export const MAX_AUDIT_ARGS_BYTES = 8 * 1024;
const MAX_ERROR_CHARS = 1000;
const MAX_FILES = 100;

export interface CallToRedact {
  tool: string;
  args: unknown;
  error?: { type: string; message: string };
  filesChanged?: readonly string[];
}

export interface RedactedCall {
  tool: string;
  /** The arguments with secrets masked and long values clipped; absent when over the size cap. */
  args?: unknown;
  args_omitted?: string;
  error?: { type: string; message: string };
  files_changed?: string[];
}

/**
 * `text` cut to at most `max` characters, marked with the length of the original (`total`). A token
 * cut in two is dropped whole: its first half could be the start of a secret that only the whole
 * would have been recognised as.
 */
export function clip(text: string, max: number, total = text.length): string {
  const head = text.slice(0, max).replace(/[^\s"'`,;()[\]{}<>]+$/, '');
  return `${head}…(${total} chars)`;
}

async function redactString(redactor: Redactor, text: string, max: number): Promise<string> {
  const whole = text.length <= SCAN_WINDOW;
  const redacted = await redactor.redact(whole ? text : text.slice(0, SCAN_WINDOW));
  return whole && redacted.length <= max ? redacted : clip(redacted, max, text.length);
}

/** A bounded copy of `value` with its strings replaced by promises of their redacted form. */
function boundedCopy(value: unknown, redactor: Redactor, pending: Promise<void>[], depth: number): unknown {
  if (typeof value === 'string') {
    const slot = { value: '' as unknown };
    pending.push(
      redactString(redactor, value, MAX_AUDIT_STRING).then((text) => {
        slot.value = text;
      }),
    );
    return slot;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return Array.isArray(value) ? `array(${value.length})` : 'object';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((item) => boundedCopy(item, redactor, pending, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`…${value.length - MAX_ITEMS} more items`);
    return items;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const copy: Array<[unknown, unknown]> = [];
  for (const [key, item] of entries.slice(0, MAX_KEYS)) {
    const keyCopy = boundedCopy(key.slice(0, MAX_KEY_CHARS), redactor, pending, depth);
    const masked = SECRET_KEY.test(key) && typeof item === 'string' && item.length > 0;
    copy.push([keyCopy, masked ? MASK : boundedCopy(item, redactor, pending, depth + 1)]);
  }
  if (entries.length > MAX_KEYS) copy.push(['…', `${entries.length - MAX_KEYS} more keys`]);
  return { entries: copy };
}

/** Resolves the slots boundedCopy left, once their redaction is done. */
function settle(copy: unknown): unknown {
  if (Array.isArray(copy)) return copy.map(settle);
  if (copy === null || typeof copy !== 'object') return copy;
  if ('value' in copy) return (copy as { value: unknown }).value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of (copy as { entries: Array<[unknown, unknown]> }).entries)
    out[String(settle(key))] = settle(item);
  return out;
}

/** Arguments with every string redacted, bounded in depth, width and length. */
export async function redactValue(redactor: Redactor, value: unknown): Promise<unknown> {
  const pending: Promise<void>[] = [];
  const copy = boundedCopy(value, redactor, pending, 0);
  await Promise.all(pending);
  return settle(copy);
}

export async function redactCall(redactor: Redactor, call: CallToRedact): Promise<RedactedCall> {
  // The tool name too: a client may call an unknown tool by any name.
  const [tool, args, message, files] = await Promise.all([
    redactString(redactor, call.tool, 100),
    redactValue(redactor, call.args ?? {}),
    call.error ? redactString(redactor, call.error.message, MAX_ERROR_CHARS) : undefined,
    call.filesChanged
      ? Promise.all(call.filesChanged.slice(0, MAX_FILES).map((file) => redactString(redactor, file, 500)))
      : undefined,
  ]);
  const argsBytes = Buffer.byteLength(JSON.stringify(args), 'utf8');
  const out: RedactedCall = {
    tool,
    ...(argsBytes <= MAX_AUDIT_ARGS_BYTES
      ? { args }
      : { args_omitted: `${argsBytes} bytes after clipping, over ${MAX_AUDIT_ARGS_BYTES}` }),
  };
  if (call.error && message !== undefined) out.error = { type: call.error.type.slice(0, 100), message };
  if (files) {
    if (call.filesChanged && call.filesChanged.length > MAX_FILES)
      files.push(`…${call.filesChanged.length - MAX_FILES} more files`);
    out.files_changed = files;
  }
  return out;
}
