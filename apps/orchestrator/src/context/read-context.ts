// read_context: a kept pack read in slices or grepped, every answer bounded.
import { type ContextConfig, type Redactor, ToolError } from '@tandem/shared';
import { OUTPUT_ID_PATTERN, type readContextInput, type readContextOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { workspaceOf } from './codebase-context.js';

export const MAX_SLICE_LINES = 500;
export const MAX_READ_BYTES = 64 * 1024;
export const MAX_MATCHES = 100;

type ReadRequest = z.output<typeof readContextInput>;
type ReadResult = z.input<typeof readContextOutput>;

function unknownPack(id: string): ToolError {
  return new ToolError(`No context pack "${id}" is kept.`, {
    hint: 'Call get_codebase_context: its result names the pack in `output_id`. Only the most recent packs are kept (context.max_packs).',
  });
}

function compileGrep(pattern: string, ignoreCase: boolean): RegExp {
  try {
    return new RegExp(pattern, ignoreCase ? 'i' : '');
  } catch (error) {
    throw new ToolError(`\`grep\` is not a valid regular expression: ${(error as Error).message}`, {
      hint: 'Use JavaScript regex syntax; escape ( ) [ ] . * + ? for literal text.',
    });
  }
}

export async function readContext(
  root: string,
  request: ReadRequest,
  config: ContextConfig,
  redactor: Redactor,
): Promise<ReadResult> {
  if (!OUTPUT_ID_PATTERN.test(request.output_id)) throw unknownPack(request.output_id);
  const pack = await workspaceOf(root, config).store.read(request.output_id);
  if (!pack) throw unknownPack(request.output_id);
  const lines = pack.text.endsWith('\n') ? pack.text.slice(0, -1).split('\n') : pack.text.split('\n');
  const base = {
    output_id: request.output_id,
    total_lines: lines.length,
    total_bytes: Buffer.byteLength(pack.text),
  };
  if (request.grep !== undefined) {
    if (request.start_line !== undefined || request.end_line !== undefined) {
      throw new ToolError('Give either `grep` or `start_line`/`end_line`, not both.', {
        hint: 'Grep first, then read around a match with start_line and end_line.',
      });
    }
    return { ...base, ...grep(lines, request, redactor) };
  }
  return { ...base, ...slice(lines, request, redactor) };
}

function slice(lines: string[], request: ReadRequest, redactor: Redactor) {
  const start = request.start_line ?? 1;
  if (lines.length > 0 && start > lines.length) {
    throw new ToolError(`start_line ${start} is past the end of the pack (${lines.length} lines).`);
  }
  // Without end_line a read goes to the end of the pack, in bounded pieces.
  const wanted = Math.min(request.end_line ?? lines.length, lines.length);
  if (wanted < start && lines.length > 0) throw new ToolError('end_line is before start_line.');
  const out: string[] = [];
  let bytes = 0;
  let last = start - 1;
  for (let line = start; line <= wanted && line - start < MAX_SLICE_LINES; line++) {
    const text = lines[line - 1] ?? '';
    const size = Buffer.byteLength(text) + 1;
    if (bytes + size > MAX_READ_BYTES && out.length > 0) break;
    out.push(bytes + size > MAX_READ_BYTES ? `${text.slice(0, MAX_READ_BYTES)} [line cut]` : text);
    bytes += size;
    last = line;
  }
  const truncated = last < wanted;
  return {
    mode: 'slice' as const,
    start_line: start,
    end_line: last,
    text: redactor.redactSync(out.join('\n')),
    hunks: [],
    total_matches: null,
    truncated,
    next: truncated
      ? `Bounded to ${MAX_SLICE_LINES} lines or ${MAX_READ_BYTES} bytes per read: continue with start_line ${last + 1}.`
      : null,
  };
}

function grep(lines: string[], request: ReadRequest, redactor: Redactor) {
  const regex = compileGrep(request.grep as string, request.ignore_case);
  const matches: number[] = [];
  lines.forEach((text, index) => {
    if (regex.test(text)) matches.push(index + 1);
  });
  const around = request.context_lines;
  const hunks: Array<{ start_line: number; end_line: number; match_lines: number[] }> = [];
  for (const line of matches.slice(0, MAX_MATCHES)) {
    const start = Math.max(1, line - around);
    const end = Math.min(lines.length, line + around);
    const previous = hunks.at(-1);
    if (previous && start <= previous.end_line + 1) {
      previous.end_line = end;
      previous.match_lines.push(line);
    } else {
      hunks.push({ start_line: start, end_line: end, match_lines: [line] });
    }
  }
  const blocks: string[] = [];
  const shown: typeof hunks = [];
  let bytes = 0;
  for (const hunk of hunks) {
    const matched = new Set(hunk.match_lines);
    const block: string[] = [];
    for (let line = hunk.start_line; line <= hunk.end_line; line++) {
      block.push(`${line}${matched.has(line) ? ':' : '-'} ${lines[line - 1] ?? ''}`);
    }
    const text = block.join('\n');
    if (bytes + text.length > MAX_READ_BYTES && shown.length > 0) break;
    blocks.push(text);
    shown.push(hunk);
    bytes += text.length + 4;
  }
  const shownMatches = shown.reduce((sum, hunk) => sum + hunk.match_lines.length, 0);
  const truncated = shownMatches < matches.length;
  const lastShown = shown.at(-1)?.end_line ?? 0;
  return {
    mode: 'grep' as const,
    start_line: null,
    end_line: null,
    text: redactor.redactSync(blocks.join('\n--\n')),
    hunks: shown,
    total_matches: matches.length,
    truncated,
    next: truncated
      ? `Showing ${shownMatches} of ${matches.length} matching lines (at most ${MAX_MATCHES} or ${MAX_READ_BYTES} bytes per read): narrow the regex, or read past line ${lastShown} with start_line/end_line.`
      : null,
  };
}
