import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connected, connect, textOf } from './support/test-tools.js';

describe('errors thrown by a handler', () => {
  let session: Connected;
  beforeAll(async () => {
    session = await connect();
    // The client checks structured results against the listed output schemas from here on.
    await session.client.listTools();
  });
  afterAll(async () => {
    await session.close();
  });

  it('turns a ToolError into isError text with its message and hint', async () => {
    const result = await session.client.callTool({ name: 'refuse', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('The widget is jammed. Unjam it and call again.');
    expect(result.structuredContent).toBeUndefined();
  });

  it("turns a plain Error into isError 'Internal error: ...'", async () => {
    const result = await session.client.callTool({ name: 'crash', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe('Internal error: kaboom');
  });

  it('turns a result that does not match the output schema into isError', async () => {
    const result = await session.client.callTool({ name: 'wrong_output', arguments: {} });
    expect(session.services.ran).toContain('wrong_output');
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Internal error: wrong_output produced a result that does not match its output schema: count: /,
    );
    expect(result.structuredContent).toBeUndefined();
  });

  it('keeps serving after errors', async () => {
    const result = await session.client.callTool({ name: 'echo', arguments: { message: 'still here' } });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ echoed: 'still here' });
  });
});
