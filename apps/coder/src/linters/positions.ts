// UTF-8 byte offsets (what Biome reports) to 1-based lines and columns in UTF-16 units.

export interface LineIndex {
  position(byteOffset: number): { line: number; column: number };
}

export function lineIndex(text: string): LineIndex {
  const bytes = Buffer.from(text, 'utf8');
  // Byte offset where each line starts.
  const starts = [0];
  for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 0x0a) starts.push(i + 1);
  return {
    position(byteOffset) {
      const offset = Math.max(0, Math.min(byteOffset, bytes.length));
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] as number) <= offset) low = mid;
        else high = mid - 1;
      }
      const lineStart = starts[low] as number;
      const column = bytes.subarray(lineStart, offset).toString('utf8').length + 1;
      return { line: low + 1, column };
    },
  };
}
