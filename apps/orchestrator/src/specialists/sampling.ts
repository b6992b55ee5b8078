// The sampling path: the calling client's own model answers, through MCP sampling/createMessage.
import type { CallContext } from '@tandem/shared';
import type { ChatMessage, Usage } from './answer.js';

type Sampling = NonNullable<CallContext<unknown>['sampling']>;

export interface SamplingRequest {
  system: string;
  messages: ChatMessage[];
  maxTokens: number;
  modelHints: string[];
  timeoutMs: number;
}

export async function askSampling(
  sampling: Sampling,
  request: SamplingRequest,
): Promise<{ text: string; model?: string; usage?: Usage }> {
  let result: Awaited<ReturnType<Sampling['createMessage']>>;
  try {
    result = await sampling.createMessage(
      {
        systemPrompt: request.system,
        messages: request.messages.map((message) => ({
          role: message.role,
          content: { type: 'text', text: message.content },
        })),
        maxTokens: request.maxTokens,
        includeContext: 'none',
        modelPreferences: {
          hints: request.modelHints.map((name) => ({ name })),
          // A consultation wants a considered answer more than a fast one.
          intelligencePriority: 0.8,
          speedPriority: 0.3,
        },
      },
      { timeoutMs: request.timeoutMs },
    );
  } catch (error) {
    throw new Error(`the client's model did not answer (${(error as Error).message})`);
  }
  const blocks = Array.isArray(result.content) ? result.content : [result.content];
  const text = blocks
    .map((block) => (block.type === 'text' ? block.text : ''))
    .join('')
    .trim();
  if (text === '') throw new Error("the client's model answered without text");
  return { text, ...(result.model ? { model: result.model } : {}) };
}
