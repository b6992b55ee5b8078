// Cutting a text to a number of tokens, at a line boundary, with a marker that says what was cut.
export type TokenCount = (text: string) => number;

export interface Fitted {
  text: string;
  truncated: boolean;
}

const MARKER_ROOM = 24;

export function fitToTokens(text: string, maxTokens: number, count: TokenCount): Fitted {
  const total = count(text);
  if (total <= maxTokens) return { text, truncated: false };
  const lines = text.split('\n');
  const target = Math.max(1, maxTokens - MARKER_ROOM);
  // Characters per token vary by content: shrink by the measured ratio until the cut fits.
  let chars = Math.floor((text.length * target) / total);
  for (let attempt = 0; attempt < 8; attempt++) {
    let cut = text.slice(0, chars);
    const lastBreak = cut.lastIndexOf('\n');
    if (lastBreak > chars / 2) cut = cut.slice(0, lastBreak);
    const shownLines = cut.length === 0 ? 0 : cut.split('\n').length;
    const result = `${cut}\n… [truncated: ${shownLines} of ${lines.length} lines shown, ${total} tokens in full]`;
    const tokens = count(result);
    if (tokens <= maxTokens) return { text: result, truncated: true };
    chars = Math.floor((chars * (maxTokens - MARKER_ROOM)) / tokens);
    if (chars <= 0) break;
  }
  return { text: `… [truncated: ${total} tokens, none shown]`, truncated: true };
}

/** A Markdown code fence longer than any backtick run in `text`. */
export function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}\n${text}${text.endsWith('\n') ? '' : '\n'}${marks}`;
}
