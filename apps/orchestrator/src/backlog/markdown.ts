// The little Markdown a task body needs: `## ` sections (not inside code fences), Backlog.md's
// `<!-- …:BEGIN -->` marker comments, and `- [ ]` / `- [x]` checklist lines with an optional `#N`.
// A full Markdown parser would hand back a tree we would walk only for these three things.

export interface Section {
  title: string;
  /** Section text with marker comments removed and outer blank lines trimmed. */
  text: string;
}

export interface ParsedBody {
  /** Text before the first `## ` heading. */
  preamble: string;
  sections: Section[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MARKER = /^\s*<!--\s*[A-Z_]+(?::[A-Z_]+)*\s*-->\s*$/;
const CHECKBOX = /^(\s*)[-*+]\s+\[([ xX])\](?:\s+(.*))?$/;

/** Tracks fenced code blocks line by line, so headings and checkboxes inside code are ignored. */
export class FenceTracker {
  private fence: string | null = null;

  /** Returns true when `line` is code (inside a fence, or a fence line itself). */
  isCode(line: string): boolean {
    const match = FENCE.exec(line);
    if (this.fence !== null) {
      if (match?.[1] && match[1][0] === this.fence[0] && match[1].length >= this.fence.length)
        this.fence = null;
      return true;
    }
    if (match?.[1]) {
      this.fence = match[1];
      return true;
    }
    return false;
  }
}

export function parseBody(body: string): ParsedBody {
  const fences = new FenceTracker();
  const preamble: string[] = [];
  const sections: Array<{ title: string; lines: string[] }> = [];
  for (const line of body.split('\n')) {
    const code = fences.isCode(line);
    const heading = code ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      sections.push({ title: heading[1], lines: [] });
      continue;
    }
    if (!code && MARKER.test(line)) continue;
    (sections.at(-1)?.lines ?? preamble).push(line);
  }
  return {
    preamble: trimBlankLines(preamble),
    sections: sections.map((section) => ({ title: section.title, text: trimBlankLines(section.lines) })),
  };
}

function trimBlankLines(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
}

export interface Checkbox {
  indent: number;
  checked: boolean;
  /** The `#N` a Backlog.md criterion carries, if any. */
  number: number | null;
  text: string;
}

export function readCheckbox(line: string): Checkbox | null {
  const match = CHECKBOX.exec(line);
  if (!match) return null;
  const rest = (match[3] ?? '').trim();
  const numbered = /^#(\d+)\s+(.*)$/.exec(rest);
  return {
    indent: (match[1] ?? '').replace(/\t/g, '    ').length,
    checked: match[2] !== ' ',
    number: numbered?.[1] ? Number(numbered[1]) : null,
    text: numbered?.[2] !== undefined ? numbered[2].trim() : rest,
  };
}

/** The checkboxes of a section as criteria, numbered by their `#N` or their position. */
export function readCriteria(text: string): Array<{ index: number; text: string; checked: boolean }> {
  const fences = new FenceTracker();
  const criteria: Array<{ index: number; text: string; checked: boolean }> = [];
  for (const line of text.split('\n')) {
    if (fences.isCode(line)) continue;
    const box = readCheckbox(line);
    if (box)
      criteria.push({ index: box.number ?? criteria.length + 1, text: box.text, checked: box.checked });
  }
  return criteria;
}
