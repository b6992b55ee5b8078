// Workspaces for the context tests (copies of the sample repository) and typed calls of
// get_codebase_context and read_context.
import { cpSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { getCodebaseContextOutput, readContextOutput } from '@tandem/shared/schemas';
import type { z } from 'zod';
import { sampleRepo } from './paths.js';

export type ContextOutput = z.output<typeof getCodebaseContextOutput>;
export type ReadOutput = z.output<typeof readContextOutput>;

/** A copy of the sample repository (without state under .tandem/) in a new temporary directory. */
export function copySampleRepo(prefix = 'tandem-context-'): { root: string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)));
  const root = path.join(dir, 'repo');
  cpSync(sampleRepo, root, {
    recursive: true,
    filter: (source) => !/[\\/](\.tandem|node_modules)([\\/]|$)/.test(path.relative(sampleRepo, source)),
  });
  return { root, remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }) };
}

export interface ToolOutcome<T> {
  isError: boolean;
  text: string;
  structured: T;
}

async function call<T>(client: Client, name: string, args: Record<string, unknown>, schema: z.ZodType<T>) {
  const result = await client.callTool({ name, arguments: args }, CallToolResultSchema, { timeout: 120_000 });
  const content = result.content as Array<{ type: string; text?: string }>;
  const text = content.map((item) => (item.type === 'text' ? (item.text ?? '') : '')).join('\n');
  return {
    isError: result.isError === true,
    text,
    structured: (result.isError ? undefined : schema.parse(result.structuredContent)) as T,
  };
}

export function getContext(
  client: Client,
  args: Record<string, unknown> = {},
): Promise<ToolOutcome<ContextOutput>> {
  return call(client, 'get_codebase_context', args, getCodebaseContextOutput);
}

export function readContext(client: Client, args: Record<string, unknown>): Promise<ToolOutcome<ReadOutput>> {
  return call(client, 'read_context', args, readContextOutput);
}
