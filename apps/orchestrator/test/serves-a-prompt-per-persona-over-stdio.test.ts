// The orchestrator's MCP prompts over stdio: one per persona (config personas included), each
// returning the persona's system prompt and the question with the repository context attached.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySampleRepo } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

const CONFIG = `personas:
  define:
    data_engineer:
      title: Data engineer
      focus: Transaction data files and their schema.
      when_to_use: Before changing data/transactions.json.
      context_hints: [data/**]
      system_prompt: You review data formats. Cite paths.
`;

function textOf(message: { content: { type: string; text?: string } } | undefined): string {
  return message?.content.type === 'text' ? (message.content.text ?? '') : '';
}

describe('persona prompts over stdio', () => {
  let workspace: { root: string; remove: () => void };
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    workspace = copySampleRepo('tandem-prompts-');
    await mkdir(path.join(workspace.root, '.tandem'), { recursive: true });
    await writeFile(path.join(workspace.root, '.tandem', 'config.yaml'), CONFIG);
    orchestrator = await connectOrchestrator(workspace.root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    workspace?.remove();
  });

  it('lists one prompt per persona with a required question and optional files', async () => {
    expect(orchestrator.client.getServerCapabilities()?.prompts).toBeDefined();
    const { prompts } = await orchestrator.client.listPrompts();
    expect(prompts.map((prompt) => prompt.name)).toEqual([
      'architect',
      'platform_expert',
      'devops_mlops',
      'sre',
      'security',
      'data_engineer',
    ]);
    const platform = prompts.find((prompt) => prompt.name === 'platform_expert');
    expect(platform?.arguments).toEqual([
      expect.objectContaining({ name: 'question', required: true }),
      expect.objectContaining({ name: 'files', required: false }),
    ]);
    expect(platform?.description).toMatch(/Nix flakes/);
  });

  it('gets platform_expert with its system prompt, the named file and the hint files', async () => {
    const result = await orchestrator.client.getPrompt(
      { name: 'platform_expert', arguments: { question: 'Should we add a flake?', files: 'README.md' } },
      { timeout: 120_000 },
    );
    expect(result.messages).toHaveLength(2);
    expect(result.messages.every((message) => message.role === 'user')).toBe(true);
    expect(textOf(result.messages[0])).toContain('platform and developer-experience expert');
    const context = textOf(result.messages[1]);
    expect(context.startsWith('Should we add a flake?')).toBe(true);
    expect(context).toContain('### README.md');
    expect(context).toContain('### flake.nix');
    expect(context).toContain('### shell.nix');
    expect(context).toContain('### justfile');
    expect(context).toMatch(/context hints with no file in this repository: .*devenv\.nix/);
    expect(result.description).toMatch(/tokens/);
  });

  it('serves a persona the config adds', async () => {
    const result = await orchestrator.client.getPrompt(
      { name: 'data_engineer', arguments: { question: 'Is the data file consistent?' } },
      { timeout: 120_000 },
    );
    expect(textOf(result.messages[0])).toContain('You review data formats.');
    expect(textOf(result.messages[1])).toContain('### data/transactions.json');
  });

  it('answers bad requests with JSON-RPC errors that say what is wrong', async () => {
    const failure = (name: string, args: Record<string, string>) =>
      orchestrator.client.getPrompt({ name, arguments: args }).then(
        () => undefined,
        (error: unknown) => error as McpError,
      );
    const missing = await failure('sre', {});
    expect(missing).toBeInstanceOf(McpError);
    expect(missing?.message).toContain('Prompt "sre" needs "question".');
    expect((await failure('wizard', { question: 'hi' }))?.message).toContain('Unknown prompt "wizard"');
    expect((await failure('security', { question: 'Safe?', files: '../outside.txt' }))?.message).toContain(
      'files[0] "../outside.txt" is outside the workspace root',
    );
    expect((await failure('security', { question: 'Safe?', files: 'missing.txt' }))?.message).toContain(
      'files[0] "missing.txt" does not exist',
    );
    expect((await failure('security', { question: 'q'.repeat(9000) }))?.message).toContain(
      'The question is 9000 characters; the limit is 8000',
    );
  });
});
