// Redaction: masks secrets in everything that reaches a log line or the audit. Three sources of
// secrets, cheapest first:
// 1. the values of the server's environment variables whose names look secret (`*_TOKEN`, `*_KEY`,
//    `*_SECRET`, `*PASSWORD*`, plus names from the config), snapshotted when the redactor is made;
// 2. the config's own regexes, then PEM private-key blocks (even cut off) and generic high-entropy
//    assignments (`api_key = "…"`);
// 3. secretlint's recommended patterns (vendor tokens), asynchronous and loaded on first use.
// 1 and 2 are synchronous, so the logger applies them to every line as it is written; 3 runs only
// when a cheap pre-check says a vendor token could be present at all.
//
// What is NOT redacted: results and error texts a tool returns to its caller. They are the caller's
// own workspace and arguments; masking them would break tools like ast_search for no one's benefit.
// The one exception is the server's environment: its secret values are masked in error texts too,
// since a caller (over HTTP, another user) must never see the server's credentials.
import { compileRedactionPattern } from '../config/redaction.js';
import { findHighEntropyAssignments } from '../secrets/entropy.js';
import { findSecrets, redactSecrets } from '../secrets/find-secrets.js';
import { MASK, maskSecret } from '../secrets/mask.js';

/** Names of environment variables whose values are secrets. */
export const SECRET_ENV_NAME = /(?:^|_)(?:TOKEN|KEY|SECRET)$|PASSWORD|PASSWD/i;
/** Shorter values (`1`, `true`, `dev`) would mask harmless text everywhere and protect nothing. */
export const MIN_ENV_SECRET_LENGTH = 6;

/**
 * True for any text in which a secretlint rule of the recommended preset could match: a run of 16+
 * token characters (every vendor token and key body is one), credentials in a URL, an npm auth
 * token, a PEM header, a Slack token or webhook, a SendGrid key. A superset on purpose: a false
 * positive costs one secretlint run (~0.5 ms), a false negative would leak.
 */
const MAY_HOLD_VENDOR_SECRET =
  /[\w+/=-]{16,}|:\/\/[^\s/]*@|_authToken|PRIVATE KEY|hooks\.slack\.com|(?:xox[bpaor]|xapp)-|SG\.\w/;

/** A private key's PEM block, to its end or to the end of the text when it was cut off. */
const PRIVATE_KEY_BLOCK =
  /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|$)/g;

/** The file name secretlint is told it scans; no rule of the preset depends on it for plain text. */
const SCANNED_NAME = 'redaction.txt';

export interface RedactorOptions {
  /** The environment to snapshot; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** More variable names whose values are secrets (config `redaction.env`). */
  envNames?: readonly string[];
  /** Regexes from the config (`redaction.patterns`), as strings. */
  patterns?: readonly string[];
}

interface EnvSecret {
  name: string;
  /** The value and, when JSON would escape it, its escaped form (log fields are JSON). */
  forms: string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class Redactor {
  /** Names of the environment variables whose values are masked, for diagnostics. */
  readonly envNames: readonly string[];
  private readonly envPattern: RegExp | undefined;
  private readonly patterns: RegExp[];

  constructor(options: RedactorOptions = {}) {
    const env = options.env ?? process.env;
    const extra = new Set(options.envNames ?? []);
    const secrets: EnvSecret[] = [];
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined || value.trim().length < MIN_ENV_SECRET_LENGTH) continue;
      if (!SECRET_ENV_NAME.test(name) && !extra.has(name)) continue;
      const escaped = JSON.stringify(value).slice(1, -1);
      secrets.push({ name, forms: escaped === value ? [value] : [value, escaped] });
    }
    this.envNames = secrets.map((secret) => secret.name).sort();
    // Longest first, so a value that contains another is masked whole.
    const forms = [...new Set(secrets.flatMap((secret) => secret.forms))].sort((a, b) => b.length - a.length);
    this.envPattern = forms.length > 0 ? new RegExp(forms.map(escapeRegExp).join('|'), 'g') : undefined;
    this.patterns = (options.patterns ?? []).map((pattern) => {
      const regex = compileRedactionPattern(pattern);
      // Named-group indices need the `d` flag.
      return regex.source.includes('(?<secret>') && !regex.flags.includes('d')
        ? new RegExp(regex.source, `${regex.flags}d`)
        : regex;
    });
  }

  /** Masks the values of secret environment variables only: for texts that go back to a caller. */
  maskEnvValues(text: string): string {
    if (!this.envPattern) return text;
    return text.replace(this.envPattern, (value) => maskSecret(value));
  }

  /** Environment values, config regexes, private keys and high-entropy assignments; synchronous. */
  redactSync(text: string): string {
    let out = this.maskEnvValues(text);
    for (const pattern of this.patterns) out = maskPattern(out, pattern);
    if (out.includes('PRIVATE KEY')) out = out.replace(PRIVATE_KEY_BLOCK, MASK);
    const hits = findHighEntropyAssignments(out);
    return hits.length > 0 ? redactSecrets(out, hits) : out;
  }

  /** True when secretlint could find something in `text`; false means it certainly would not. */
  mayHoldVendorSecret(text: string): boolean {
    return MAY_HOLD_VENDOR_SECRET.test(text);
  }

  /**
   * Masks what secretlint's recommended rules find. When secretlint cannot be loaded the text comes
   * back as it was: the synchronous masking has already run, and a call must not fail for this.
   */
  async redactVendorSecrets(text: string): Promise<string> {
    if (!this.mayHoldVendorSecret(text)) return text;
    try {
      const findings = await findSecrets(text, SCANNED_NAME, { entropy: false });
      return findings.length > 0 ? redactSecrets(text, findings) : text;
    } catch {
      return text;
    }
  }

  /** Everything: the synchronous masking, then secretlint's patterns. */
  redact(text: string): Promise<string> {
    return this.redactVendorSecrets(this.redactSync(text));
  }
}

/** Masks each match of `pattern`, or only its `secret` group when it has one. */
function maskPattern(text: string, pattern: RegExp): string {
  pattern.lastIndex = 0;
  let out = '';
  let at = 0;
  for (const match of text.matchAll(pattern)) {
    const span = match.indices?.groups?.secret ?? [match.index, match.index + match[0].length];
    const [start, end] = span;
    if (end <= start || start < at) continue;
    out += text.slice(at, start) + maskSecret(text.slice(start, end));
    at = end;
  }
  return at === 0 ? text : out + text.slice(at);
}

let processRedactor: Redactor | undefined;

/** The redactor of this process's environment alone, made on first use (i.e. at start-up). */
export function defaultRedactor(): Redactor {
  processRedactor ??= new Redactor();
  return processRedactor;
}
