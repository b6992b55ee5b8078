// Our own check for generic credentials, alongside secretlint's vendor rules. secretlint only knows
// secrets with a recognisable shape (a vendor prefix, a PEM header, a connection-string scheme) and
// has no generic high-entropy rule, yet the most common leak is a key of an unknown vendor in a plain
// assignment: `api_key = "…"`, `token: '…'`, `SECRET=…`.
//
// The heuristic, in the spirit of detect-secrets and gitleaks' generic rule:
// 1. The name on the left says credential (secret, token, password, api key, private key, …).
// 2. The value is long enough (MIN_VALUE_LENGTH) to be a generated key rather than a setting.
// 3. The value is random: its Shannon entropy H = −Σ p(c)·log2 p(c) over its characters reaches a
//    threshold. Words and identifiers spread over few letters (about 2.5–3.3 bits per character);
//    generated base64/base62 keys of 16+ characters score about 3.8–5; hex is capped at 4 by its
//    16-letter alphabet and scores about 3.4–3.9, hence its lower threshold. Short strings cannot
//    score high (at most log2 of their length), which the minimum length accounts for.
// 4. It holds both letters and digits, as generated keys of 16+ characters almost always do (a
//    32-character base62 key lacks digits with odds of 1 in 250), while identifiers, header names
//    and prose (`createCancellationToken`, `Access-Control-Allow-Origin`) mostly do not.
// 5. It is not a placeholder, a reference or a pattern: `changeme`, `xxx`, `<your-key>`, `${VAR}`,
//    `{{ x }}`, `%VAR%`, `process.env.X`, repeated characters, URLs, paths, regex classes.
// A value without quotes is taken for a literal only when it is one token of key characters (no
// calls, indexing or operators) and not a member chain such as `config.db.key2`: in code it is
// usually an expression. `Bearer <token>` / `Basic <token>` values are judged on the token.
// Lines with `secretlint-disable-line` (or after `secretlint-disable-next-line`) are honoured, as
// secretlint honours them for its own rules.

export const HIGH_ENTROPY_RULE = 'tandem/high-entropy-assignment';
export const HIGH_ENTROPY_KIND = 'HighEntropyAssignment';

export const MIN_VALUE_LENGTH = 16;
const MAX_VALUE_LENGTH = 1000;
/** Bits per character a value must reach; hex-only values use the lower hex threshold. */
export const ENTROPY_THRESHOLD = 3.5;
export const HEX_ENTROPY_THRESHOLD = 3.0;

/** A name (identifier, dotted key or quoted JSON/YAML key) followed by an assignment operator and a value. */
const ASSIGNMENT =
  /(?<![\w.-])(?<name>[A-Za-z_][\w.-]{0,100})["'\]]{0,2}[ \t]*(?::=|=>|=|:)[ \t]*(?:"(?<dq>[^"\r\n]*)"|'(?<sq>[^'\r\n]*)'|`(?<bq>[^`\r\n]*)`|(?<bare>[^\s"'`,;]+))/dg;

const SENSITIVE_NAME =
  /secret|token|passw(?:or)?d|pwd|credential|authorization|bearer|(?:api|access|private|auth|client|signing|encryption|master|session|app|service|account)[_.-]?key|^key$|^auth$/i;

const PLACEHOLDER_WORDS =
  /changeme|change[_-]me|example|placeholder|dummy|sample|your[_-]?|redacted|replace|insert|fake|mock|lorem|todo|fixme|xxx|\*\*\*|\.\.\./i;
const REFERENCE =
  /\$\{|\{\{|\}\}|\$\(|^\$[A-Za-z_]|^%[A-Za-z_]\w*%$|%\(|%s|^<.*>$|process\.env|os\.environ|getenv|^env[.:(]|secrets\./i;
const REPEATED = /(.)\1{3,}/;
const PATTERN_LIKE = /\[[^\]]*\]|\\[dwsbDWS]/;
const BARE_TOKEN = /^[\w+/=~.-]+$/;
const URL_OR_PATH = /^(?:[a-z][a-z0-9+.-]*:\/\/|\.{0,2}\/|~\/|[A-Za-z]:\\)/i;
const AUTH_SCHEME = /^(?:Bearer|Basic|Token)[ \t]+/i;
const HEX = /^[0-9a-f]+$/i;

export function shannonEntropy(value: string): number {
  const counts = new Map<string, number>();
  const chars = Array.from(value);
  for (const char of chars) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / chars.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** True for values that stand in for a secret instead of being one. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || REFERENCE.test(value) || REPEATED.test(value);
}

/** An unquoted value that reads as one literal token rather than an expression. */
function isBareLiteral(value: string): boolean {
  if (!BARE_TOKEN.test(value)) return false;
  // JWTs are dotted too, but their parts are long; member chains have short names.
  return !value.includes('.') || value.split('.').every((part) => part.length >= 16);
}

/** Why a value is taken for a generated secret, or undefined when it is not. */
export function judgeValue(value: string, quoted: boolean): { entropy: number } | undefined {
  if (value.length < MIN_VALUE_LENGTH || value.length > MAX_VALUE_LENGTH) return undefined;
  if (/\s/.test(value) || !/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return undefined;
  if (!quoted && !isBareLiteral(value)) return undefined;
  if (URL_OR_PATH.test(value) || PATTERN_LIKE.test(value) || isPlaceholder(value)) return undefined;
  const entropy = shannonEntropy(value);
  const threshold = HEX.test(value) ? HEX_ENTROPY_THRESHOLD : ENTROPY_THRESHOLD;
  return entropy >= threshold ? { entropy } : undefined;
}

export interface EntropyHit {
  name: string;
  start: number;
  end: number;
  value: string;
  entropy: number;
}

const DIRECTIVE = /secretlint-disable-(next-)?line\b([^\r\n]*)/g;

/** Lines (0-based) on which the high-entropy rule is switched off by a secretlint comment. */
function disabledLines(text: string, lineOf: (offset: number) => number): Set<number> {
  const lines = new Set<number>();
  for (const match of text.matchAll(DIRECTIVE)) {
    // `secretlint-disable-line rule-a, rule-b` names the rules it silences; none named means all.
    const named = (match[2] ?? '')
      .replace(/\*\/.*$|-->.*$/, '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    if (named.length > 0 && !named.includes(HIGH_ENTROPY_RULE)) continue;
    const line = lineOf(match.index);
    lines.add(match[1] ? line + 1 : line);
  }
  return lines;
}

/**
 * Generic assignments whose value looks like a generated credential. Offsets are UTF-16 indices.
 * Without `lineOf`, secretlint-disable comments are not honoured: redaction passes none, since the
 * text it masks must not be able to switch the masking off.
 */
export function findHighEntropyAssignments(text: string, lineOf?: (offset: number) => number): EntropyHit[] {
  const hits: EntropyHit[] = [];
  let disabled: Set<number> | undefined;
  for (const match of text.matchAll(ASSIGNMENT)) {
    const groups = match.groups ?? {};
    const name = groups.name ?? '';
    if (!SENSITIVE_NAME.test(name)) continue;
    const key = (['dq', 'sq', 'bq', 'bare'] as const).find((group) => groups[group] !== undefined);
    const span = key ? match.indices?.groups?.[key] : undefined;
    if (!key || !span) continue;
    let value = groups[key] ?? '';
    let start = span[0];
    const scheme = AUTH_SCHEME.exec(value);
    if (scheme) {
      value = value.slice(scheme[0].length);
      start += scheme[0].length;
    }
    const verdict = judgeValue(value, key !== 'bare');
    if (!verdict) continue;
    if (lineOf) {
      disabled ??= disabledLines(text, lineOf);
      if (disabled.has(lineOf(start))) continue;
    }
    hits.push({ name, start, end: start + value.length, value, entropy: verdict.entropy });
  }
  return hits;
}
