// YAML frontmatter of Markdown task files, parsed by the `yaml` package (YAML 1.2 core schema, so
// dates stay strings and duplicate keys are errors).
import { LineCounter, parseDocument } from 'yaml';

export class YamlError extends Error {
  constructor(
    message: string,
    /** 1-based line in the parsed text. */
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

/** Parses YAML text; throws YamlError with the first error's line. */
export function parseYaml(text: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { prettyErrors: false, lineCounter });
  const [first] = document.errors;
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new YamlError(`line ${line}: ${first.message}`, line);
  }
  return document.toJS({ maxAliasCount: 100 });
}

export interface SplitMarkdown {
  /** The YAML between the `---` fences, or null when the file has no frontmatter. */
  yaml: string | null;
  /** Lines before the YAML (the opening fence), to turn YAML lines into file lines. */
  yamlLineOffset: number;
  body: string;
  /** 1-based file line of the body's first line. */
  bodyLine: number;
}

export function splitFrontmatter(source: string): SplitMarkdown {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return { yaml: null, yamlLineOffset: 0, body: text, bodyLine: 1 };
  const end = lines.findIndex(
    (line, index) => index > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'),
  );
  if (end === -1) return { yaml: null, yamlLineOffset: 0, body: text, bodyLine: 1 };
  return {
    yaml: lines.slice(1, end).join('\n'),
    yamlLineOffset: 1,
    body: lines.slice(end + 1).join('\n'),
    bodyLine: end + 2,
  };
}

/**
 * Backlog.md's own reader accepts `assignee: @sara` (and `reporter:`), which YAML forbids: `@` is a
 * reserved indicator. People write it by hand, so such a bare value is quoted before parsing; any
 * other YAML error stays an error.
 */
export function quoteBareMentions(yaml: string): string {
  return yaml.replace(
    /^(\s*(?:assignee|reporter):[ \t]*)(\S[^\n]*?)[ \t]*$/gm,
    (line, key: string, value: string) => {
      if (value.startsWith('@')) return `${key}${JSON.stringify(value)}`;
      const flow = /^\[(.*)\]$/.exec(value);
      if (!flow?.[1]?.includes('@')) return line;
      const items = flow[1]
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
        .map((item) => (item.startsWith('@') ? JSON.stringify(item) : item));
      return `${key}[${items.join(', ')}]`;
    },
  );
}
