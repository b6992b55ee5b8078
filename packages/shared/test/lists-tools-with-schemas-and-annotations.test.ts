import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allTestTools, type Connected, connect } from './support/test-tools.js';

/** Every JSON pointer in `node` whose `type` keyword holds an array. */
function typeArrays(node: unknown, at = ''): string[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => typeArrays(item, `${at}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  const found = Array.isArray((node as Record<string, unknown>).type) ? [`${at}/type`] : [];
  return [
    ...found,
    ...Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
      typeArrays(value, `${at}/${key}`),
    ),
  ];
}

describe('tools/list', () => {
  let session: Connected;
  let tools: Tool[];
  beforeAll(async () => {
    session = await connect();
    ({ tools } = await session.client.listTools());
  });
  afterAll(async () => {
    await session.close();
  });

  it('lists every registered tool, in registration order', () => {
    expect(tools.map((tool) => tool.name)).toEqual(allTestTools.map((tool) => tool.name));
  });

  it('shows name, title, description and annotations (with the title)', () => {
    const echo = tools.find((tool) => tool.name === 'echo');
    expect(echo?.title).toBe('Echo');
    expect(echo?.description).toBe('Repeats a message.');
    expect(echo?.annotations).toEqual({
      title: 'Echo',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    const halfway = tools.find((tool) => tool.name === 'halfway');
    expect(halfway?.annotations).toMatchObject({
      readOnlyHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
  });

  it('gives the input schema as JSON Schema: properties, descriptions, defaults, bounds, required', () => {
    const input = tools.find((tool) => tool.name === 'echo')?.inputSchema;
    expect(input?.type).toBe('object');
    expect(input?.properties?.message).toEqual({ type: 'string', description: 'Text to repeat' });
    expect(input?.properties?.times).toMatchObject({ type: 'integer', minimum: 1, maximum: 3, default: 1 });
    // `times` has a default, so callers may leave it out: only `message` is required.
    expect(input?.required).toEqual(['message']);
  });

  it('gives the output schema as JSON Schema', () => {
    const output = tools.find((tool) => tool.name === 'echo')?.outputSchema;
    expect(output?.type).toBe('object');
    expect(Object.keys(output?.properties ?? {})).toEqual(['echoed', 'length', 'note']);
    expect(output?.required).toEqual(['echoed', 'length', 'note']);
  });

  it('writes nullable fields as anyOf, with no type arrays anywhere', () => {
    for (const tool of tools) {
      expect(typeArrays(tool.inputSchema), `${tool.name} input`).toEqual([]);
      expect(typeArrays(tool.outputSchema), `${tool.name} output`).toEqual([]);
    }
    const echo = tools.find((tool) => tool.name === 'echo');
    expect(echo?.outputSchema?.properties?.note).toMatchObject({
      anyOf: [{ type: 'string' }, { type: 'null' }],
      description: 'The note, or null when none was given',
    });
    expect(echo?.inputSchema.properties?.note).toMatchObject({
      anyOf: [{ type: 'string' }, { type: 'null' }],
    });
  });
});
