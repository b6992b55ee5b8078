// MCP prompts through the seam: listed with their arguments, resolved per request, arguments checked,
// failures as JSON-RPC errors with clear messages, every prompts/get audited; no prompts capability
// unless prompts are given.
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PromptDefinition, PromptSource } from '../src/seam/define-prompt.js';
import { ToolError } from '../src/seam/tool-error.js';
import { readAudit } from './support/audit-file.js';
import { type Connected, connect, type TestServices } from './support/test-tools.js';

function greeter(name: string): PromptDefinition<TestServices> {
  return {
    name,
    title: `Greeter ${name}`,
    description: 'Greets someone.',
    arguments: [
      { name: 'who', description: 'Whom to greet', required: true },
      { name: 'tone', description: 'warm or dry', required: false },
    ],
    async handler(args, { services }) {
      services.ran.push(name);
      if (args.who === 'nobody') throw new ToolError('Nobody cannot be greeted.', { hint: 'Name someone.' });
      if (args.who === 'crash') throw new Error('greeter broke');
      return {
        description: `A ${args.tone ?? 'plain'} greeting`,
        messages: [{ role: 'user', content: { type: 'text', text: `Hello, ${args.who}!` } }],
      };
    },
  };
}

describe('prompts through the seam', () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('lists and gets prompts, resolved on every request', async () => {
    const names = ['hello'];
    const source: PromptSource<TestServices> = () => names.map(greeter);
    session = await connect({ prompts: source });
    expect(session.client.getServerCapabilities()?.prompts).toEqual({ listChanged: false });
    const listed = await session.client.listPrompts();
    expect(listed.prompts).toEqual([
      {
        name: 'hello',
        title: 'Greeter hello',
        description: 'Greets someone.',
        arguments: [
          { name: 'who', description: 'Whom to greet', required: true },
          { name: 'tone', description: 'warm or dry', required: false },
        ],
      },
    ]);
    const got = await session.client.getPrompt({ name: 'hello', arguments: { who: 'Ada', tone: 'warm' } });
    expect(got.description).toBe('A warm greeting');
    expect(got.messages).toEqual([{ role: 'user', content: { type: 'text', text: 'Hello, Ada!' } }]);

    names.push('salute');
    expect((await session.client.listPrompts()).prompts.map((prompt) => prompt.name)).toEqual([
      'hello',
      'salute',
    ]);
  });

  it('refuses unknown prompts, missing and unknown arguments, and reports handler errors', async () => {
    session = await connect({ prompts: () => [greeter('hello')] });
    const client = session.client;
    const failure = async (name: string, args: Record<string, string>) => {
      const error = await client.getPrompt({ name, arguments: args }).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(McpError);
      return error as McpError;
    };
    const unknown = await failure('goodbye', { who: 'Ada' });
    expect(unknown.code).toBe(ErrorCode.InvalidParams);
    expect(unknown.message).toContain('Unknown prompt "goodbye". This server has: hello.');
    const missing = await failure('hello', {});
    expect(missing.code).toBe(ErrorCode.InvalidParams);
    expect(missing.message).toContain('Prompt "hello" needs "who". who: Whom to greet');
    const extra = await failure('hello', { who: 'Ada', volume: 'loud' });
    expect(extra.message).toContain('Prompt "hello" has no argument "volume". Its arguments: who, tone.');
    const refused = await failure('hello', { who: 'nobody' });
    expect(refused.code).toBe(ErrorCode.InvalidParams);
    expect(refused.message).toContain('Nobody cannot be greeted. Name someone.');
    const crashed = await failure('hello', { who: 'crash' });
    expect(crashed.code).toBe(ErrorCode.InternalError);
    expect(crashed.message).toContain('Internal error: greeter broke');

    // The server keeps serving, and each prompts/get is in the audit.
    expect((await client.getPrompt({ name: 'hello', arguments: { who: 'Bo' } })).messages).toHaveLength(1);
    const { records } = await readAudit(session);
    expect(records.map((record) => [record.tool, record.outcome])).toEqual([
      ['prompt:goodbye', 'error'],
      ['prompt:hello', 'error'],
      ['prompt:hello', 'error'],
      ['prompt:hello', 'error'],
      ['prompt:hello', 'error'],
      ['prompt:hello', 'ok'],
    ]);
    expect(records[5]?.args).toEqual({ who: 'Bo' });
  });

  it('declares no prompts capability without prompts', async () => {
    session = await connect();
    expect(session.client.getServerCapabilities()?.prompts).toBeUndefined();
    await expect(session.client.listPrompts()).rejects.toThrow(/Method not found/);
  });
});
