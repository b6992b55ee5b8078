import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connected, connect, textOf } from './support/test-tools.js';

describe('argument validation', () => {
  let session: Connected;
  beforeEach(async () => {
    session = await connect();
  });
  afterEach(async () => {
    await session.close();
  });

  it('answers a call with a missing argument with isError naming the field, without running the handler', async () => {
    const result = await session.client.callTool({ name: 'echo', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Invalid arguments for echo: message: /);
    expect(textOf(result)).toMatch(/input schema/);
    expect(result.structuredContent).toBeUndefined();
    expect(session.services.ran).toEqual([]);
  });

  it('names a field of the wrong type or out of range', async () => {
    const wrongType = await session.client.callTool({ name: 'echo', arguments: { message: 7 } });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toMatch(/message: .*expected string/);
    const outOfRange = await session.client.callTool({ name: 'echo', arguments: { message: 'x', times: 9 } });
    expect(outOfRange.isError).toBe(true);
    expect(textOf(outOfRange)).toMatch(/times: /);
    expect(textOf(outOfRange)).not.toMatch(/message: /);
    expect(session.services.ran).toEqual([]);
  });

  it('answers an unknown tool with isError listing the tools', async () => {
    const result = await session.client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      'Unknown tool "no_such_tool". This server has: echo, whoami, refuse, crash, wrong_output, slow, halfway.',
    );
    expect(session.services.ran).toEqual([]);
  });
});
