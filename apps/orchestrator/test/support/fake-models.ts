// A loopback HTTP server that speaks the two providers' streaming protocols, for the real SDKs pointed
// at it by base URL: Gemini's `models/<model>:streamGenerateContent?alt=sse` (server-sent `data:`
// events of GenerateContentResponse) and Anthropic's `/v1/messages` stream (message_start,
// content_block_delta, message_delta, message_stop). No network beyond 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelCall {
  provider: 'gemini' | 'anthropic';
  path: string;
  /** The key the SDK sent (x-goog-api-key; x-api-key or a bearer token). */
  key: string | undefined;
  body: Record<string, unknown>;
  /** The system prompt as sent. */
  system: string;
  /** The conversation as sent: [role, text] with Gemini's "model" read as "assistant". */
  messages: Array<[string, string]>;
}

/** What the server does with the next requests: answer (in chunks), fail with a status, or never answer. */
export type Behaviour =
  | { kind: 'answer'; chunks?: (call: ModelCall) => string[] }
  | { kind: 'status'; status: number }
  | { kind: 'hang' };

export interface FakeModels {
  url: string;
  calls: ModelCall[];
  behave(behaviour: Behaviour): void;
  close(): Promise<void>;
}

/** The answer's pieces by default: they name the call's number so each turn's answer differs. */
export function defaultChunks(call: ModelCall, index: number): string[] {
  if (call.system.startsWith('You summarise')) return ['SUMMARY: ', 'the earlier turns ', 'in brief.'];
  return [`Answer ${index}`, ' from the ', `${call.provider} `, 'fake: pin the ', 'flake inputs.'];
}

export async function startFakeModels(): Promise<FakeModels> {
  const calls: ModelCall[] = [];
  let behaviour: Behaviour = { kind: 'answer' };
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (chunk: Buffer) => parts.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as Record<string, unknown>;
      const url = request.url ?? '';
      const call = url.includes(':streamGenerateContent')
        ? geminiCall(url, request, body)
        : url.startsWith('/v1/messages')
          ? anthropicCall(url, request, body)
          : undefined;
      if (!call) {
        response.writeHead(404).end();
        return;
      }
      calls.push(call);
      if (behaviour.kind === 'hang') {
        hanging.add(response);
        return;
      }
      if (behaviour.kind === 'status') {
        sendError(response, call.provider, behaviour.status);
        return;
      }
      const chunks = behaviour.chunks?.(call) ?? defaultChunks(call, calls.length);
      if (call.provider === 'gemini') streamGemini(response, chunks);
      else streamAnthropic(response, chunks, call);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    behave: (next) => {
      behaviour = next;
    },
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((part) => (part as { text?: string }).text ?? '').join('');
  return '';
}

function geminiCall(url: string, request: http.IncomingMessage, body: Record<string, unknown>): ModelCall {
  const contents = (body.contents ?? []) as Array<{ role: string; parts: Array<{ text?: string }> }>;
  const system = body.systemInstruction as { parts?: Array<{ text?: string }> } | undefined;
  return {
    provider: 'gemini',
    path: url,
    key: request.headers['x-goog-api-key'] as string | undefined,
    body,
    system: text(system?.parts),
    messages: contents.map((content) => [
      content.role === 'model' ? 'assistant' : content.role,
      text(content.parts),
    ]),
  };
}

function anthropicCall(url: string, request: http.IncomingMessage, body: Record<string, unknown>): ModelCall {
  const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>;
  return {
    provider: 'anthropic',
    path: url,
    key:
      (request.headers['x-api-key'] as string | undefined) ??
      request.headers.authorization?.replace(/^Bearer /, ''),
    body,
    system: text(body.system),
    messages: messages.map((message) => [message.role, text(message.content)]),
  };
}

function sendError(response: http.ServerResponse, provider: ModelCall['provider'], status: number): void {
  const body =
    provider === 'gemini'
      ? {
          error: {
            code: status,
            message: `fake status ${status}`,
            status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'ERROR',
          },
        }
      : {
          type: 'error',
          error: {
            type: status === 401 ? 'authentication_error' : status === 429 ? 'rate_limit_error' : 'api_error',
            message: `fake status ${status}`,
          },
        };
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sse(response: http.ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
}

function streamGemini(response: http.ServerResponse, chunks: string[]): void {
  sse(response);
  chunks.forEach((chunk, index) => {
    const last = index === chunks.length - 1;
    const event = {
      candidates: [
        {
          content: { role: 'model', parts: [{ text: chunk }] },
          index: 0,
          ...(last ? { finishReason: 'STOP' } : {}),
        },
      ],
      usageMetadata: { promptTokenCount: 42, candidatesTokenCount: index + 1, totalTokenCount: 43 + index },
      modelVersion: 'gemini-2.5-flash',
    };
    response.write(`data: ${JSON.stringify(event)}\r\n\r\n`);
  });
  response.end();
}

function streamAnthropic(response: http.ServerResponse, chunks: string[], call: ModelCall): void {
  sse(response);
  const send = (type: string, data: Record<string, unknown>) =>
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('message_start', {
    message: {
      id: 'msg_fake',
      type: 'message',
      role: 'assistant',
      model: String(call.body.model),
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 42, output_tokens: 1 },
    },
  });
  send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (const chunk of chunks)
    send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: chunk } });
  send('content_block_stop', { index: 0 });
  send('message_delta', {
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: chunks.length },
  });
  send('message_stop', {});
  response.end();
}
