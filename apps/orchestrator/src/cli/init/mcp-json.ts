// Merges Tandem's two servers into a client's `mcpServers` file (.mcp.json, .cursor/mcp.json). Other
// servers and keys keep their place and values; the file's indentation is kept.
import { isDeepStrictEqual } from 'node:util';
import { InitRefusal } from './plan.js';

/** Line and column (1-based) of a character offset. */
function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** JSON.parse with the error's line:column (V8 reports a character offset, or none at the end). */
export function parseJsonAt(text: string, rel: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = /at position (\d+)/.exec(message)?.[1];
    const { line, column } = position(text, offset === undefined ? text.length : Number(offset));
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    throw new InitRefusal(
      `${rel}:${line}:${column}: not valid JSON (${reason}); left untouched.`,
      `Fix or remove ${rel}, then run tandem init again.`,
    );
  }
}

function detectIndent(text: string): string {
  return /^[ \t]*\{\s*\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The merged file text (unchanged text when nothing differs) and what changed. */
export function mergeMcpJson(
  before: string | null,
  rel: string,
  servers: Record<string, unknown>,
): { after: string; notes: string[] } {
  if (before === null) {
    return {
      after: `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`,
      notes: [`create ${rel}: servers ${Object.keys(servers).join(', ')}`],
    };
  }
  const parsed = before.trim() === '' ? {} : parseJsonAt(before, rel);
  if (!isObject(parsed))
    throw new InitRefusal(
      `${rel}: the top level is not a JSON object; left untouched.`,
      `Fix or remove ${rel}.`,
    );
  const existing = parsed.mcpServers ?? {};
  if (!isObject(existing))
    throw new InitRefusal(`${rel}: "mcpServers" is not an object; left untouched.`, `Fix or remove ${rel}.`);

  const notes: string[] = [];
  const merged: Record<string, unknown> = { ...existing };
  for (const [name, entry] of Object.entries(servers)) {
    if (!(name in existing)) notes.push(`update ${rel}: add server ${name}`);
    else if (!isDeepStrictEqual(existing[name], entry))
      notes.push(`update ${rel}: server ${name} differed, now ${describe(entry)}`);
    merged[name] = entry;
  }
  if (notes.length === 0) return { after: before, notes: [`keep ${rel}: both servers are configured`] };
  // Spreading keeps every key's position; mcpServers goes last only when the file had none.
  const root = { ...parsed, mcpServers: merged };
  return { after: `${JSON.stringify(root, null, detectIndent(before))}\n`, notes };
}

function describe(entry: unknown): string {
  if (!isObject(entry)) return JSON.stringify(entry);
  const args = Array.isArray(entry.args) ? entry.args.join(' ') : '';
  return `${String(entry.command)} ${args}`.trim();
}
