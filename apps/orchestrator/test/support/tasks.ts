// Workspaces for the task tools' tests: a copy of the sample repo or a bare directory with a
// justfile, and a config, in a temp dir.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { sampleRepo } from './paths.js';

export interface WorkspaceOptions {
  /** Start from a copy of examples/sample-repo; otherwise an empty directory. */
  sample?: boolean;
  /** Replaces (or creates) the justfile. */
  justfile?: string;
  /** The content of .tandem/config.yaml. */
  config?: string;
}

export async function makeWorkspace(prefix: string, options: WorkspaceOptions = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), `tandem-${prefix}-`));
  if (options.sample) {
    await cp(sampleRepo, root, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}.tandem`) && !source.includes('node_modules'),
    });
  }
  if (options.justfile !== undefined) await writeFile(path.join(root, 'justfile'), options.justfile);
  if (options.config !== undefined) {
    await mkdir(path.join(root, '.tandem'), { recursive: true });
    await writeFile(path.join(root, '.tandem', 'config.yaml'), options.config);
  }
  return root;
}

export function removeWorkspace(root: string | undefined): Promise<void> {
  return root ? rm(root, { recursive: true, force: true, maxRetries: 5 }) : Promise.resolve();
}

export interface ToolCall {
  isError: boolean;
  text: string;
  structured: Record<string, unknown>;
  /** Messages of the progress notifications received, in order. */
  progress: string[];
}

export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
  options: { signal?: AbortSignal } = {},
): Promise<ToolCall> {
  const progress: string[] = [];
  const result = await client.callTool({ name, arguments: args }, CallToolResultSchema, {
    signal: options.signal,
    timeout: 120_000,
    onprogress: (update) => {
      if (update.message !== undefined) progress.push(update.message);
    },
  });
  const content = result.content as { type: string; text?: string }[];
  const text = content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('\n');
  return {
    isError: result.isError === true,
    text,
    structured: (result.structuredContent ?? {}) as Record<string, unknown>,
    progress,
  };
}

/** A justfile line indented as a recipe body. */
export function recipe(header: string, ...lines: string[]): string {
  return [header, ...lines.map((line) => `    ${line}`), ''].join('\n');
}
