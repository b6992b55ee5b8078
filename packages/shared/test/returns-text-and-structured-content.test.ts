import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connected, connect, textOf } from './support/test-tools.js';

describe('a valid call', () => {
  let session: Connected;
  beforeAll(async () => {
    session = await connect();
  });
  afterAll(async () => {
    await session.close();
  });

  it("returns the tool's text and its structured result, with defaults applied", async () => {
    const result = await session.client.callTool({ name: 'echo', arguments: { message: 'hi' } });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('echo: hi');
    expect(result.structuredContent).toEqual({ echoed: 'hi', length: 2, note: null });
    expect(session.services.ran).toEqual(['echo']);
  });

  it('passes parsed arguments to the handler', async () => {
    const result = await session.client.callTool({
      name: 'echo',
      arguments: { message: 'ab', times: 3, note: 'n' },
    });
    expect(result.structuredContent).toEqual({ echoed: 'ababab', length: 6, note: 'n' });
  });

  it('defaults the text to the structured result as JSON', async () => {
    const result = await session.client.callTool({ name: 'whoami', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
  });

  it('treats missing arguments as an empty object', async () => {
    const result = await session.client.callTool({ name: 'whoami' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ on_behalf_of: null });
  });
});
