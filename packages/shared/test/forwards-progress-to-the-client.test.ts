import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connected, connect } from './support/test-tools.js';

describe('progress', () => {
  let session: Connected;
  beforeEach(async () => {
    session = await connect();
  });
  afterEach(async () => {
    await session.close();
  });

  it('delivers context.progress to a client that passed onprogress', async () => {
    const received: Progress[] = [];
    const result = await session.client.callTool({ name: 'halfway', arguments: {} }, undefined, {
      onprogress: (progress) => received.push(progress),
    });
    expect(result.isError).toBeFalsy();
    expect(received).toEqual([{ progress: 1, total: 2, message: 'half' }]);
  });

  it('sends nothing when the client did not ask for progress, and the call still succeeds', async () => {
    const errors: Error[] = [];
    session.client.onerror = (error) => errors.push(error);
    const result = await session.client.callTool({ name: 'halfway', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(session.services.ran).toEqual(['halfway']);
    // A progress notification without a token the client knows would surface here.
    expect(errors).toEqual([]);
  });
});
