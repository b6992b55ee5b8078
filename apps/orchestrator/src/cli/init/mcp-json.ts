// Merges Tandem's two servers into a client's `mcpServers` file (.mcp.json, .cursor/mcp.json). Other
// servers and keys keep their place and values; the file's indentation is kept.
import { isDeepStrictEqual } from 'node:util';
import type { Node as JsonNode } from 'jsonc-parser';
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's indentation unit and line ending, so inserted entries look like the rest of it. */
function formattingOf(text: string): { unit: string; eol: string } {
  return {
    unit: /^\{[ \t]*\r?\n([ \t]+)\S/.exec(text.trimStart())?.[1] ?? '  ',
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Leading whitespace of the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

const splice = (text: string, offset: number, length: number, insert: string) =>
  text.slice(0, offset) + insert + text.slice(offset + length);

/**
 * Sets `key` of the object node to `value` by editing only that property's text: an existing value is
 * replaced where it stands, a new property goes after the last one at the same indentation.
 * jsonc-parser's own `modify` re-formats the neighbouring properties, which would reflow a user's
 * compact entries; its tree gives the offsets, this does the splicing.
 */
function setProperty(
  text: string,
  object: JsonNode,
  key: string,
  value: unknown,
  unit: string,
  eol: string,
): string {
  const render = (indent: string) =>
    JSON.stringify(value, null, unit)
      .split('\n')
      .join(eol + indent);
  const properties = object.children ?? [];
  const existing = properties.find((property) => property.children?.[0]?.value === key);
  const valueNode = existing?.children?.[1];
  if (existing && valueNode)
    return splice(text, valueNode.offset, valueNode.length, render(lineIndent(text, existing.offset)));
  const outer = lineIndent(text, object.offset);
  const first = properties[0];
  const inner = first ? lineIndent(text, first.offset) : outer + unit;
  const entry = `${JSON.stringify(key)}: ${render(inner)}`;
  const last = properties.at(-1);
  if (last) return splice(text, last.offset + last.length, 0, `,${eol}${inner}${entry}`);
  return splice(text, object.offset, object.length, `{${eol}${inner}${entry}${eol}${outer}}`);
}

/**
 * The merged file text (the same text when nothing differs) and what changed. Only Tandem's entries
 * are written; every other byte of the file stays as the user wrote it.
 */
export async function mergeMcpJson(
  before: string | null,
  rel: string,
  servers: Record<string, unknown>,
): Promise<{ after: string; notes: string[] }> {
  if (before === null || before.trim() === '') {
    return {
      after: `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`,
      notes: [`${before === null ? 'create' : 'update'} ${rel}: servers ${Object.keys(servers).join(', ')}`],
    };
  }
  const parsed = parseJsonAt(before, rel);
  if (!isObject(parsed))
    throw new InitRefusal(
      `${rel}: the top level is not a JSON object; left untouched.`,
      `Fix or remove ${rel}.`,
    );
  const existing = parsed.mcpServers ?? {};
  if (!isObject(existing))
    throw new InitRefusal(`${rel}: "mcpServers" is not an object; left untouched.`, `Fix or remove ${rel}.`);

  const { findNodeAtLocation, parseTree } = await import('jsonc-parser');
  const { unit, eol } = formattingOf(before);
  const notes: string[] = [];
  let text = before;
  for (const [name, entry] of Object.entries(servers)) {
    if (Object.hasOwn(existing, name) && isDeepStrictEqual(existing[name], entry)) continue;
    notes.push(
      Object.hasOwn(existing, name)
        ? `update ${rel}: server ${name} differed, now ${describe(entry)}`
        : `update ${rel}: add server ${name}`,
    );
    const root = parseTree(text) as JsonNode;
    const map = findNodeAtLocation(root, ['mcpServers']);
    text = map
      ? setProperty(text, map, name, entry, unit, eol)
      : setProperty(text, root, 'mcpServers', { [name]: entry }, unit, eol);
  }
  if (notes.length === 0) return { after: before, notes: [`keep ${rel}: both servers are configured`] };
  return { after: text, notes };
}

function describe(entry: unknown): string {
  if (!isObject(entry)) return JSON.stringify(entry);
  const args = Array.isArray(entry.args) ? entry.args.join(' ') : '';
  return `${String(entry.command)} ${args}`.trim();
}
