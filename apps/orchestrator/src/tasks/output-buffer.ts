// Keeps a process's output bounded: the first lines and the last lines, with the totals, so a long
// build log is cut in the middle where it is least informative.

export const HEAD_LINES = 80;
export const HEAD_BYTES = 8 * 1024;
export const TAIL_LINES = 250;
export const TAIL_BYTES = 24 * 1024;
/** One line longer than this is shortened; a minified bundle printed whole would fill the tail. */
export const MAX_LINE_BYTES = 2000;

export interface CollectedOutput {
  text: string;
  lines: number;
  bytes: number;
  cut: { omitted_lines: number; omitted_bytes: number } | null;
}

function clip(line: string): string {
  if (Buffer.byteLength(line) <= MAX_LINE_BYTES) return line;
  const kept = Buffer.from(line)
    .subarray(0, MAX_LINE_BYTES)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${kept}… [line cut, ${Buffer.byteLength(line)} bytes]`;
}

export class OutputBuffer {
  private readonly head: string[] = [];
  private headBytes = 0;
  private headFull = false;
  private readonly tail: string[] = [];
  /** Bytes each tail line had before it was clipped, for honest totals of what was cut. */
  private readonly tailRawBytes: number[] = [];
  private tailBytes = 0;
  private omittedLines = 0;
  private omittedBytes = 0;
  private lines = 0;
  private bytes = 0;
  private partial = '';

  /** Adds a chunk of text; complete lines go to `onLine`. */
  write(chunk: string, onLine?: (line: string) => void): void {
    this.bytes += Buffer.byteLength(chunk);
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) this.addLine(line.replace(/\r$/, ''), onLine);
  }

  /** The last line without a newline, if any. */
  end(onLine?: (line: string) => void): void {
    if (this.partial !== '') this.addLine(this.partial, onLine);
    this.partial = '';
  }

  private addLine(raw: string, onLine?: (line: string) => void): void {
    this.lines += 1;
    const line = clip(raw);
    onLine?.(line);
    const size = Buffer.byteLength(line) + 1;
    if (!this.headFull) {
      if (this.head.length < HEAD_LINES && this.headBytes + size <= HEAD_BYTES) {
        this.head.push(line);
        this.headBytes += size;
        return;
      }
      this.headFull = true;
    }
    this.tail.push(line);
    this.tailRawBytes.push(Buffer.byteLength(raw) + 1);
    this.tailBytes += size;
    while (this.tail.length > TAIL_LINES || (this.tailBytes > TAIL_BYTES && this.tail.length > 1)) {
      const dropped = this.tail.shift() as string;
      this.tailBytes -= Buffer.byteLength(dropped) + 1;
      this.omittedLines += 1;
      this.omittedBytes += this.tailRawBytes.shift() as number;
    }
  }

  /** The last `count` lines kept. */
  lastLines(count: number): string[] {
    const kept = [...this.head, ...this.tail];
    return kept.slice(-count);
  }

  result(): CollectedOutput {
    const cut =
      this.omittedLines > 0 ? { omitted_lines: this.omittedLines, omitted_bytes: this.omittedBytes } : null;
    const middle = cut
      ? [
          `… [${cut.omitted_lines} lines (${cut.omitted_bytes} bytes) cut from the middle of ${this.lines} lines, ${this.bytes} bytes] …`,
        ]
      : [];
    return {
      text: [...this.head, ...middle, ...this.tail].join('\n'),
      lines: this.lines,
      bytes: this.bytes,
      cut,
    };
  }
}
