// Answers a consultation through the first model path that works: MCP sampling through the calling
// client, then the configured provider (Gemini or Anthropic, streamed). When neither answers it throws
// NoModelPathError with the reason for each path, and the caller falls back to a brief; nothing here
// ever makes an answer up.

import type { CallContext } from '@tandem/shared';
import { configuredProvider, type ModelProvider, ToolError } from '@tandem/shared';
import type { OrchestratorServices } from '../tools/define.js';
import { askProvider, type ProviderRequest, resolveProviderSettings } from './providers/provider.js';
import { askSampling } from './sampling.js';

export type ModelPath = 'sampling' | 'provider';

export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface AnswerRequest {
  system: string;
  /** The conversation so far, oldest first, ending with the user's question. */
  messages: ChatMessage[];
  /** Default: the `models.max_output_tokens` setting. */
  maxTokens?: number;
  /** Model name hints for sampling clients (substrings such as "sonnet"); default the configured model. */
  modelHints?: string[];
}

export interface Usage {
  input_tokens?: number;
  output_tokens?: number;
}

/** Why a path did not answer. */
export interface SkippedPath {
  path: ModelPath;
  reason: string;
}

export interface Answer {
  text: string;
  path: ModelPath;
  provider?: ModelProvider;
  model?: string;
  usage?: Usage;
  /** The paths tried (or not available) before the one that answered. */
  skipped: SkippedPath[];
}

export interface AnswerOptions {
  /** Each piece of text as the provider streams it (sampling answers arrive whole: one call). */
  onDelta?: (delta: string) => void;
}

/** No model answered: each path's reason, for the brief that stands in for an answer. */
export class NoModelPathError extends Error {
  constructor(readonly reasons: SkippedPath[]) {
    super(`No model answered: ${reasons.map((r) => `${r.path}: ${r.reason}`).join('; ')}.`);
    this.name = 'NoModelPathError';
  }
}

/**
 * Throws ToolError for a provider configured without its key (the caller's configuration is wrong:
 * say which variable to set) and rethrows cancellation; every other failure moves on to the next path.
 */
export async function answerWith(
  context: CallContext<OrchestratorServices>,
  request: AnswerRequest,
  options: AnswerOptions = {},
): Promise<Answer> {
  const models = context.services.config.models;
  const skipped: SkippedPath[] = [];
  const maxTokens = request.maxTokens ?? models.max_output_tokens;

  if (!models.sampling) {
    skipped.push({ path: 'sampling', reason: 'turned off in the config (models.sampling: false)' });
  } else if (context.sampling === undefined) {
    skipped.push({ path: 'sampling', reason: 'the client did not declare the sampling capability' });
  } else {
    try {
      const answer = await askSampling(context.sampling, {
        ...request,
        maxTokens,
        modelHints: request.modelHints ?? (models.model ? [models.model] : []),
        timeoutMs: models.timeout_s * 1000,
      });
      options.onDelta?.(answer.text);
      return { ...answer, path: 'sampling', skipped };
    } catch (error) {
      if (context.signal.aborted) throw error;
      skipped.push({ path: 'sampling', reason: (error as Error).message });
    }
  }

  const provider = configuredProvider(models);
  if (provider === undefined) {
    skipped.push({ path: 'provider', reason: 'no model provider is configured (models.provider)' });
    throw new NoModelPathError(skipped);
  }
  // Throws ToolError naming the variable to set when the key is missing.
  const settings = resolveProviderSettings(provider, models, process.env);
  const providerRequest: ProviderRequest = {
    system: request.system,
    messages: request.messages,
    maxTokens,
    signal: context.signal,
    ...(options.onDelta ? { onDelta: options.onDelta } : {}),
  };
  try {
    const answer = await askProvider(settings, providerRequest);
    return { ...answer, path: 'provider', provider, model: settings.model, skipped };
  } catch (error) {
    if (context.signal.aborted || error instanceof ToolError) throw error;
    skipped.push({ path: 'provider', reason: (error as Error).message });
    throw new NoModelPathError(skipped);
  }
}
