// The scanner: secretlint's recommended preset plus our high-entropy assignment check, over one text.
// Findings carry offsets (for redaction) and 1-based positions (for people), and never the secret.
import { findHighEntropyAssignments, HIGH_ENTROPY_KIND, HIGH_ENTROPY_RULE } from './entropy.js';
import { maskSecret } from './mask.js';
import { runSecretlint } from './secretlint.js';

export type SecretSeverity = 'error' | 'warning' | 'info';

export interface SecretFinding {
  /** The secretlint rule id (e.g. `@secretlint/secretlint-rule-github`) or `tandem/high-entropy-assignment`. */
  rule: string;
  /** Which kind of secret: the rule's message id, e.g. `AWSSecretAccessKey`, `GITHUB_TOKEN`. */
  kind: string;
  /** UTF-16 offsets of the secret in the scanned text; `end` is exclusive. */
  start: number;
  end: number;
  /** 1-based line and column (in UTF-16 code units) of the secret's first character. */
  line: number;
  column: number;
  /** 1-based line and column just past the secret's last character. */
  endLine: number;
  endColumn: number;
  /** The secret as it may be shown: see maskSecret. */
  masked: string;
  severity: SecretSeverity;
  /** What was found, with the secret masked. */
  message: string;
  docsUrl?: string;
}

export interface FindSecretsOptions {
  /** Run the high-entropy assignment check as well as secretlint (default true). */
  entropy?: boolean;
}

/** Offsets where each line starts, to turn offsets into lines and columns by binary search. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndexOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Secrets in `text`, sorted by position. `filename` is what secretlint sees as the file's name (some
 * rules look at it, e.g. for `.npmrc`); nothing is read from disk.
 */
export async function findSecrets(
  text: string,
  filename: string,
  options: FindSecretsOptions = {},
): Promise<SecretFinding[]> {
  const starts = lineStarts(text);
  const lineOf = (offset: number) => lineIndexOf(starts, offset);
  const position = (offset: number) => {
    const line = lineOf(offset);
    return { line: line + 1, column: offset - (starts[line] as number) + 1 };
  };
  const found: Array<Omit<SecretFinding, 'line' | 'column' | 'endLine' | 'endColumn'>> = [];
  for (const hit of await runSecretlint(text, filename, maskSecret)) {
    found.push({ ...hit, masked: maskSecret(text.slice(hit.start, hit.end)) });
  }
  if (options.entropy !== false) {
    const taken = found.map(({ start, end }) => [start, end] as const);
    for (const hit of findHighEntropyAssignments(text, lineOf)) {
      // A value a secretlint rule already named is reported once, by the more specific rule.
      if (taken.some(([start, end]) => hit.start < end && start < hit.end)) continue;
      const masked = maskSecret(hit.value);
      found.push({
        rule: HIGH_ENTROPY_RULE,
        kind: HIGH_ENTROPY_KIND,
        start: hit.start,
        end: hit.end,
        masked,
        severity: 'warning',
        message: `"${hit.name}" is assigned a high-entropy value (${hit.entropy.toFixed(1)} bits/char over ${hit.value.length} chars): ${masked}`,
      });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  return found.map((finding) => {
    const from = position(finding.start);
    const to = position(finding.end);
    return { ...finding, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  });
}

/** `text` with every finding's secret replaced by its mask (findings from findSecrets on this text). */
export function redactSecrets(
  text: string,
  findings: readonly Pick<SecretFinding, 'start' | 'end'>[],
): string {
  const spans = [...findings].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from) + maskSecret(text.slice(from, end));
    at = end;
  }
  return out + text.slice(at);
}
