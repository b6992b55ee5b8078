import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Connected, connect, textOf } from './support/test-tools.js';

describe('per-call timeout', () => {
  let session: Connected;
  beforeEach(async () => {
    session = await connect({ limits: { timeoutMs: 100 } });
  });
  afterEach(async () => {
    await session.close();
  });

  it("answers a slow call with isError 'timed out' and aborts the handler's signal", async () => {
    const started = performance.now();
    const result = await session.client.callTool({ name: 'slow', arguments: {} });
    const elapsed = performance.now() - started;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The call timed out after 0\.1 s and was aborted\./);
    expect(elapsed).toBeLessThan(2000);
    expect(session.services.signals).toHaveLength(1);
    expect(session.services.signals[0]?.aborted).toBe(true);
  });

  it('lets fast calls finish under the same limit', async () => {
    const result = await session.client.callTool({ name: 'echo', arguments: { message: 'quick' } });
    expect(result.isError).toBeFalsy();
  });
});
