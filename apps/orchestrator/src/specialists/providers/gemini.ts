// Gemini through @google/genai, streamed (streamGenerateContent, server-sent events). Loaded only when
// Gemini is the configured provider.
import { GoogleGenAI } from '@google/genai';
import { ProviderFailure } from './failure.js';
import type { ProviderAnswer, ProviderRequest, ProviderSettings } from './provider.js';

export async function streamGemini(
  settings: ProviderSettings,
  request: ProviderRequest,
): Promise<ProviderAnswer> {
  const ai = new GoogleGenAI({
    apiKey: settings.apiKey,
    httpOptions: {
      ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
      timeout: settings.timeoutMs,
      // One attempt: a failure falls back to the brief at once instead of waiting through backoff.
      retryOptions: { attempts: 1 },
    },
  });
  const stream = await ai.models.generateContentStream({
    model: settings.model,
    contents: request.messages.map((message) => ({
      role: message.role === 'assistant' ? 'model' : 'user',
      parts: [{ text: message.content }],
    })),
    config: {
      systemInstruction: request.system,
      maxOutputTokens: request.maxTokens,
      abortSignal: request.signal,
    },
  });
  let text = '';
  let input: number | undefined;
  let output: number | undefined;
  let finish: string | undefined;
  let blocked: string | undefined;
  for await (const chunk of stream) {
    const delta = chunk.text ?? '';
    if (delta) {
      text += delta;
      request.onDelta?.(delta);
    }
    input = chunk.usageMetadata?.promptTokenCount ?? input;
    output = chunk.usageMetadata?.candidatesTokenCount ?? output;
    finish = chunk.candidates?.[0]?.finishReason ?? finish;
    blocked = chunk.promptFeedback?.blockReason ?? blocked;
  }
  if (text.trim() === '') {
    const why = blocked
      ? `the prompt was blocked (${blocked})`
      : `no text (finish reason ${finish ?? 'none'})`;
    throw new ProviderFailure('bad_response', why);
  }
  return {
    text,
    usage: {
      ...(input === undefined ? {} : { input_tokens: input }),
      ...(output === undefined ? {} : { output_tokens: output }),
    },
  };
}
