// The provider path: settings from the `models` config section and the key from the environment, then
// a streamed answer from Gemini or Anthropic. Failures become errors whose message names the cause
// (auth, rate limit, network, timeout, bad response) for the brief that falls back.
import {
  DEFAULT_KEY_VARIABLES,
  DEFAULT_MODELS,
  type ModelProvider,
  type ModelsConfig,
  ToolError,
} from '@tandem/shared';
import type { ChatMessage, Usage } from '../answer.js';
import { ProviderFailure } from './failure.js';

export interface ProviderSettings {
  provider: ModelProvider;
  model: string;
  apiKey: string;
  /** The variable the key came from, for messages (never the key). */
  keyVariable: string;
  baseUrl?: string;
  timeoutMs: number;
}

export interface ProviderRequest {
  system: string;
  messages: ChatMessage[];
  maxTokens: number;
  signal: AbortSignal;
  onDelta?: (delta: string) => void;
}

export interface ProviderAnswer {
  text: string;
  usage?: Usage;
}

const LABELS: Record<ModelProvider, string> = { gemini: 'Gemini', anthropic: 'Anthropic' };

export function providerLabel(provider: ModelProvider): string {
  return LABELS[provider];
}

/** ToolError naming the variable to set when the provider's key is missing. */
export function resolveProviderSettings(
  provider: ModelProvider,
  models: ModelsConfig,
  env: NodeJS.ProcessEnv,
): ProviderSettings {
  const candidates = models.api_key_env ? [models.api_key_env] : DEFAULT_KEY_VARIABLES[provider];
  const keyVariable = candidates.find((name) => (env[name] ?? '').trim() !== '');
  if (keyVariable === undefined) {
    throw new ToolError(
      `The ${LABELS[provider]} provider is configured (models.provider) but ${candidates.join(' or ')} is not set.`,
      {
        hint: `Set ${candidates[0]} in the orchestrator's environment to the API key, name another variable with models.api_key_env, or remove the provider from .tandem/config.yaml to get a brief instead.`,
      },
    );
  }
  return {
    provider,
    model: models.model ?? DEFAULT_MODELS[provider],
    apiKey: (env[keyVariable] as string).trim(),
    keyVariable,
    ...(models.base_url ? { baseUrl: models.base_url } : {}),
    timeoutMs: models.timeout_s * 1000,
  };
}

/**
 * Streams one answer. The timeout covers the whole stream (the SDKs' own timeouts cover only the wait
 * for the response headers), and the caller's cancellation aborts the request.
 */
export async function askProvider(
  settings: ProviderSettings,
  request: ProviderRequest,
): Promise<ProviderAnswer> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout.signal]);
  try {
    const answer =
      settings.provider === 'gemini'
        ? await (await import('./gemini.js')).streamGemini(settings, { ...request, signal })
        : await (await import('./anthropic.js')).streamAnthropic(settings, { ...request, signal });
    if (answer.text.trim() === '') {
      throw new ProviderFailure('bad_response', 'the answer had no text');
    }
    return answer;
  } catch (error) {
    if (request.signal.aborted) throw error;
    const failure = timeout.signal.aborted
      ? new ProviderFailure('timeout', `no complete answer within ${settings.timeoutMs / 1000} s`)
      : ProviderFailure.from(error);
    throw new Error(`${LABELS[settings.provider]} (${settings.model}) ${failure.describe(settings)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}
