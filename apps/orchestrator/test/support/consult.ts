// Starts the built orchestrator with a chosen environment (provider keys) and, when asked, as a
// sampling-capable client; and calls consult_specialist collecting its progress notifications.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  CallToolResultSchema,
  type CreateMessageRequest,
  CreateMessageRequestSchema,
  type CreateMessageResult,
} from '@modelcontextprotocol/sdk/types.js';
import { orchestratorMain } from './paths.js';

export interface ConsultServer {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

export interface ConsultServerOptions {
  env?: Record<string, string>;
  /** Makes the client declare sampling and answer createMessage requests with this. */
  sampling?: (request: CreateMessageRequest['params']) => Promise<CreateMessageResult> | CreateMessageResult;
}

export async function startConsultServer(
  root: string,
  options: ConsultServerOptions = {},
): Promise<ConsultServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [orchestratorMain, '--root', root],
    // Only what is given: a provider key of the machine running the tests never leaks in.
    env: { ...getDefaultEnvironment(), ...options.env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client(
    { name: 'consult-test', version: '0.0.0' },
    options.sampling ? { capabilities: { sampling: {} } } : {},
  );
  const sampling = options.sampling;
  if (sampling) client.setRequestHandler(CreateMessageRequestSchema, (request) => sampling(request.params));
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

export interface ConsultReply {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> & {
    path?: string;
    answer?: string;
    thread_id?: string;
    skipped?: Array<{ path: string; reason: string }>;
  };
  /** The messages of the progress notifications, in order. */
  progress: string[];
}

export async function consult(server: ConsultServer, args: Record<string, unknown>): Promise<ConsultReply> {
  const progress: string[] = [];
  const result = await server.client.callTool(
    { name: 'consult_specialist', arguments: args },
    CallToolResultSchema,
    {
      timeout: 120_000,
      onprogress: (notification) => {
        if (notification.message) progress.push(notification.message);
      },
    },
  );
  const parts = result.content as Array<{ type: string; text?: string }>;
  return {
    isError: result.isError === true,
    text: parts.map((part) => part.text ?? '').join('\n'),
    structured: (result.structuredContent ?? {}) as ConsultReply['structured'],
    progress,
  };
}

/** A .tandem/config.yaml `models:` section. */
export function modelsConfig(settings: Record<string, string | number | boolean>): string {
  return `models:\n${Object.entries(settings)
    .map(([key, value]) => `  ${key}: ${typeof value === 'string' ? JSON.stringify(value) : value}`)
    .join('\n')}\n`;
}
