// Claude through @anthropic-ai/sdk, streamed (messages.stream). Loaded only when Anthropic is the
// configured provider.
import Anthropic from '@anthropic-ai/sdk';
import { ProviderFailure } from './failure.js';
import type { ProviderAnswer, ProviderRequest, ProviderSettings } from './provider.js';

export async function streamAnthropic(
  settings: ProviderSettings,
  request: ProviderRequest,
): Promise<ProviderAnswer> {
  const client = new Anthropic({
    apiKey: settings.apiKey,
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    timeout: settings.timeoutMs,
    // One attempt: a failure falls back to the brief at once instead of waiting through backoff.
    maxRetries: 0,
  });
  const stream = client.messages.stream(
    {
      model: settings.model,
      max_tokens: request.maxTokens,
      system: request.system,
      messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    },
    { signal: request.signal },
  );
  let text = '';
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
      text += event.delta.text;
      request.onDelta?.(event.delta.text);
    }
  }
  const final = await stream.finalMessage();
  if (text.trim() === '') {
    throw new ProviderFailure('bad_response', `no text (stop reason ${final.stop_reason ?? 'none'})`);
  }
  return {
    text,
    usage: { input_tokens: final.usage.input_tokens, output_tokens: final.usage.output_tokens },
  };
}
