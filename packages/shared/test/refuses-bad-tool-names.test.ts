import { describe, expect, it } from 'vitest';
import { createToolServer } from '../src/seam/create-tool-server.js';
import type { ToolDefinition } from '../src/seam/define-tool.js';
import { echoTool, silentLogger, type TestServices } from './support/test-tools.js';

function register(tools: readonly ToolDefinition<TestServices>[]) {
  return createToolServer({
    name: 'test-server',
    version: '0.0.1',
    instructions: 'Test tools.',
    root: '/nonexistent-root-never-written',
    tools,
    services: { ran: [], signals: [] },
    logger: silentLogger,
  });
}

const named = (name: string): ToolDefinition<TestServices> => ({ ...echoTool, name });

describe('tool registration', () => {
  it('accepts snake_case names up to 32 characters', () => {
    expect(() =>
      register([named('a'), named('list_files'), named('x2_y3'), named('a'.repeat(32))]),
    ).not.toThrow();
  });

  it.each([
    'listFiles',
    'ListFiles',
    'list-files',
    'list files',
    '_list',
    'list_',
    'list__files',
    '2list',
    '',
  ])('refuses the name %j', (name) => {
    expect(() => register([named(name)])).toThrow(
      `Tool name "${name}" must be snake_case and at most 32 characters.`,
    );
  });

  it('refuses a name over 32 characters', () => {
    const name = `${'a'.repeat(16)}_${'b'.repeat(16)}`;
    expect(name).toHaveLength(33);
    expect(() => register([named(name)])).toThrow(/must be snake_case and at most 32 characters/);
  });

  it('refuses a name registered twice', () => {
    expect(() => register([named('echo'), named('other'), named('echo')])).toThrow(
      'Tool "echo" is registered twice.',
    );
  });
});
