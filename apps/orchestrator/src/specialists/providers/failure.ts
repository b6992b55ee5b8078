// Names the cause of a provider failure from what the SDKs throw: an HTTP status on their API errors,
// a system error code on the fetch failure's cause chain, or our own timeout.
import type { ProviderSettings } from './provider.js';

export type FailureKind = 'auth' | 'rate_limit' | 'network' | 'timeout' | 'bad_response' | 'server';

export class ProviderFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly detail: string,
    readonly status?: number,
  ) {
    super(detail);
    this.name = 'ProviderFailure';
  }

  static from(error: unknown): ProviderFailure {
    if (error instanceof ProviderFailure) return error;
    const status = statusOf(error);
    const message = firstLine(apiMessage(error) ?? (error as Error)?.message ?? String(error));
    if (status === 401 || status === 403) return new ProviderFailure('auth', message, status);
    if (status === 429) return new ProviderFailure('rate_limit', message, status);
    if (status === 408 || status === 504) return new ProviderFailure('timeout', message, status);
    if (status !== undefined)
      return new ProviderFailure(status >= 500 ? 'server' : 'bad_response', message, status);
    const code = networkCode(error);
    if (code !== undefined) return new ProviderFailure('network', code);
    const name = (error as Error)?.name ?? '';
    if (/timeout/i.test(name)) return new ProviderFailure('timeout', message);
    if (/connection/i.test(name) || /fetch failed|network|socket/i.test(message)) {
      return new ProviderFailure('network', message);
    }
    return new ProviderFailure('bad_response', message);
  }

  describe(settings: ProviderSettings): string {
    const http = this.status === undefined ? '' : `HTTP ${this.status}: `;
    switch (this.kind) {
      case 'auth':
        return `refused the key from ${settings.keyVariable} (auth, ${http}${this.detail}); check the key and its permissions.`;
      case 'rate_limit':
        return `is rate limiting this key (rate limit, ${http}${this.detail}); try again later.`;
      case 'network':
        return `could not be reached at ${settings.baseUrl ?? 'its default endpoint'} (network: ${this.detail}).`;
      case 'timeout':
        return `did not answer in time (timeout: ${http}${this.detail}); raise models.timeout_s or try again.`;
      case 'server':
        return `failed on its side (server error, ${http}${this.detail}).`;
      case 'bad_response':
        return `gave an unusable response (bad response, ${http}${this.detail}).`;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' && status >= 100 && status < 600 ? status : undefined;
}

/** ECONNREFUSED and friends, wherever fetch (undici) put them in the cause chain. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+|^UND_ERR/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The API's own error message: Anthropic's APIError keeps the body in `error`, @google/genai puts the
 * JSON body into its message; both read better than the SDK's "429 {json}".
 */
function apiMessage(error: unknown): string | undefined {
  const body = (error as { error?: { error?: { message?: unknown } } })?.error;
  if (typeof body?.error?.message === 'string') return body.error.message;
  const message = (error as Error)?.message;
  const json = typeof message === 'string' ? message.indexOf('{') : -1;
  if (json === -1) return undefined;
  try {
    const parsed = JSON.parse((message as string).slice(json)) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
  } catch {
    return undefined;
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
