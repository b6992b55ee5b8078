// secretlint's recommended preset, run in memory through @secretlint/core's lintSource. Loaded on
// first use: the preset is a 200 KB bundle and a server that never scans should not pay for it.
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from '@secretlint/types';

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';

type LintSource = typeof import('@secretlint/core').lintSource;
interface Loaded {
  lintSource: LintSource;
  config: SecretLintCoreConfig;
}

let loading: Promise<Loaded> | undefined;

/** secretlint could not be imported (a broken or partial install); the scan cannot run. */
export class SecretlintUnavailableError extends Error {
  override name = 'SecretlintUnavailableError';
  constructor(reason: string, options?: ErrorOptions) {
    super(`secretlint could not be loaded: ${reason}`, options);
  }
}

function load(): Promise<Loaded> {
  loading ??= (async () => {
    let core: typeof import('@secretlint/core');
    let preset: typeof import('@secretlint/secretlint-rule-preset-recommend');
    let profiler: typeof import('@secretlint/profiler');
    try {
      [core, preset, profiler] = await Promise.all([
        import('@secretlint/core'),
        import('@secretlint/secretlint-rule-preset-recommend'),
        import('@secretlint/profiler'),
      ]);
    } catch (error) {
      throw new SecretlintUnavailableError((error as Error).message, { cause: error });
    }
    const config: SecretLintCoreConfig = {
      rules: [
        {
          id: PRESET_ID,
          rule: preset.creator,
          rules: [
            {
              // The AWS rule finds access key ids (AKIA…) only with its ID scan on: an id next to a
              // secret is the pair's visible half, so we want it. The same switch also reports
              // account ids, which are not credentials and are common in infrastructure code.
              id: '@secretlint/secretlint-rule-aws',
              options: { enableIDScanRule: true },
              allowMessageIds: ['AWSAccountID'],
            },
          ],
        },
      ],
    };
    // secretlint's profiler (a module singleton @secretlint/core marks a dozen times per scan) puts
    // every mark on the process's performance timeline, keeps them all and searches them on each new
    // one: a server auditing every call grew slower with each call (100 ms a call after 2,000 calls).
    // Nothing here reads the profile, so its `mark` (public) does nothing: no marks, no measures, and
    // none of the observer work that was ~0.4 ms of every scan.
    profiler.secretLintProfiler.mark = () => undefined;
    return { lintSource: core.lintSource, config };
  })();
  // A failed load (a broken install) is retried on the next call instead of being cached.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

export interface SecretlintHit {
  rule: string;
  kind: string;
  start: number;
  end: number;
  severity: 'error' | 'warning' | 'info';
  /** The rule's message with every secret value in it masked by `mask`. */
  message: string;
  docsUrl?: string;
}

/**
 * Where the secret itself is. Rules put the secret in the message data and usually report its range,
 * but not always: the AWS secret-key rule reports the start of the whole `AWS_SECRET_ACCESS_KEY = …`
 * match with the key's length. So the data value is looked up at or just after the reported start.
 */
function locate(content: string, message: SecretLintCoreResultMessage, values: string[]): [number, number] {
  const [start, end] = message.range;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (content.startsWith(value, start)) return [start, start + value.length];
    const at = content.indexOf(value, start);
    if (at !== -1 && at - start <= 256) return [at, at + value.length];
  }
  return [start, end];
}

/** Values of the message data that occur in the scanned text, i.e. secrets and parts of them. */
function secretValues(content: string, message: SecretLintCoreResultMessage): string[] {
  const data = (message.data ?? {}) as Record<string, unknown>;
  return Object.values(data).filter(
    (value): value is string => typeof value === 'string' && value.length > 0 && content.includes(value),
  );
}

export async function runSecretlint(
  content: string,
  filename: string,
  mask: (secret: string) => string,
): Promise<SecretlintHit[]> {
  const { lintSource, config } = await load();
  const result = await lintSource({
    source: { content, filePath: filename, contentType: 'text' },
    // maskSecrets stays off: we need the values to locate them, and mask them ourselves below.
    options: { config, noPhysicFilePath: true, locale: 'en' },
  });
  const hits: SecretlintHit[] = [];
  for (const message of result.messages) {
    if (message.type !== 'message') continue;
    const values = secretValues(content, message);
    const [start, end] = locate(content, message, values);
    const secret = content.slice(start, end);
    let text = message.message;
    for (const value of [...values, secret].sort((a, b) => b.length - a.length)) {
      if (value) text = text.split(value).join(mask(value));
    }
    // Belt and braces: a message that still holds the secret is replaced by the bare kind.
    if (secret && text.includes(secret)) text = `found ${message.messageId}`;
    hits.push({
      rule: message.ruleId,
      kind: message.messageId,
      start,
      end,
      severity: message.severity,
      message: text,
      ...(message.docsUrl ? { docsUrl: message.docsUrl } : {}),
    });
  }
  return hits;
}
