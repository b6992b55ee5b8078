import { afterEach, describe, expect, it } from 'vitest';
import { type Connected, connect, textOf } from './support/test-tools.js';

describe('request size limit', () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('refuses arguments over a configured limit with isError naming the limit, without running the handler', async () => {
    session = await connect({ limits: { maxRequestBytes: 1000 } });
    const result = await session.client.callTool({ name: 'echo', arguments: { message: 'x'.repeat(2000) } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The request is 2,0\d\d bytes, over the 1,000-byte limit\. Send less/);
    expect(session.services.ran).toEqual([]);
  });

  it('accepts arguments just under a configured limit', async () => {
    session = await connect({ limits: { maxRequestBytes: 1000 } });
    const result = await session.client.callTool({ name: 'echo', arguments: { message: 'x'.repeat(900) } });
    expect(result.isError).toBeFalsy();
    expect(session.services.ran).toEqual(['echo']);
  });

  it('refuses a ~1.1 MB argument under the default 1 MiB limit', async () => {
    session = await connect();
    const result = await session.client.callTool({
      name: 'echo',
      arguments: { message: 'y'.repeat(1_100_000) },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The request is 1,100,0\d\d bytes, over the 1 MiB limit\./);
    expect(session.services.ran).toEqual([]);
  });

  it('accepts a ~0.9 MB argument under the default limit', async () => {
    session = await connect();
    const result = await session.client.callTool({
      name: 'echo',
      arguments: { message: 'y'.repeat(900_000) },
    });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ length: 900_000 });
  });
});
