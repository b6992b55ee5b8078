// Starts the built orchestrator exactly as an MCP client does: the SDK's stdio transport and Client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { statusOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { orchestratorMain, sampleRepo } from './paths.js';

export type StatusOutput = z.output<typeof statusOutput>;

export interface ConnectedOrchestrator {
  client: Client;
  transport: StdioClientTransport;
  /** The orchestrator's pid. */
  pid: number;
  /** Everything the orchestrator wrote to stderr so far. */
  stderr: () => string;
  /** Calls `status` and returns its structured result, checked against the shared schema. */
  status: () => Promise<StatusOutput>;
  close: () => Promise<void>;
}

export interface ConnectedServer {
  client: Client;
  transport: StdioClientTransport;
  pid: number;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Either built server (orchestratorMain, coderMain) on `root`, through the SDK's stdio client. */
export async function connectServer(main: string, root: string = sampleRepo): Promise<ConnectedServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [main, '--root', root],
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'orchestrator-test', version: '0.0.0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error(`${main} has no pid after connecting.`);
  return {
    client,
    transport,
    pid,
    stderr: () => stderr,
    // The transport ends stdin, then escalates to SIGTERM and SIGKILL if the process lingers.
    close: () => client.close(),
  };
}

export async function connectOrchestrator(root: string = sampleRepo): Promise<ConnectedOrchestrator> {
  const connected = await connectServer(orchestratorMain, root);
  const { client } = connected;
  return {
    ...connected,
    status: async () => {
      const result = await client.callTool({ name: 'status', arguments: {} }, CallToolResultSchema);
      if (result.isError) throw new Error(`status failed: ${JSON.stringify(result.content)}`);
      return statusOutput.parse(result.structuredContent);
    },
  };
}
