// Budgets and rate limits through the seam, with 200 calls in flight at once: exactly as many are
// admitted as the limit allows, and every refusal carries its reset time or retry_after_seconds.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { policyTools } from './support/policy-tools.js';
import { type Connected, connect, textOf } from './support/test-tools.js';

// Refills one token per 1000 minutes: no test run lasts long enough to see one.
const NO_REFILL = 0.001;

let session: Connected | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function parallel(name: string, count: number, args: Record<string, unknown> = {}) {
  const results = (await Promise.all(
    Array.from({ length: count }, () => session!.client.callTool({ name, arguments: args })),
  )) as CallToolResult[];
  return {
    ok: results.filter((result) => !result.isError),
    refused: results.filter((result) => result.isError),
  };
}

const refusalOf = (result: CallToolResult) => result._meta?.['tandem/refusal'] as Record<string, unknown>;

describe('under 200 parallel calls', () => {
  it('a burst of 10 admits exactly 10; the rest get retry_after_seconds', async () => {
    session = await connect({
      tools: policyTools,
      config: { rate_limits: { tools: { peek: { per_minute: NO_REFILL, burst: 10 } } } },
    });
    const { ok, refused } = await parallel('peek', 200);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(190);
    expect(session.services.ran).toHaveLength(10);
    for (const result of refused) {
      const details = refusalOf(result);
      expect(details).toMatchObject({ reason: 'rate_limited', tool: 'peek', burst: 10 });
      expect(details.retry_after_seconds).toBeGreaterThan(0);
      expect(Number.isInteger(details.retry_after_seconds)).toBe(true);
      // The text says it too, machine-readably, for clients that only read the text.
      expect(textOf(result)).toContain(`(retry_after_seconds: ${details.retry_after_seconds})`);
    }
    // Another tool has its own bucket.
    expect((await parallel('blob', 20, { size: 1 })).ok).toHaveLength(20);
  });

  it('a budget of 50 calls admits exactly 50; the rest get the reset time', async () => {
    session = await connect({
      tools: policyTools,
      config: { budgets: { window: '1h', default: { calls: 50 } } },
    });
    const before = Date.now();
    const { ok, refused } = await parallel('peek', 200);
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    expect(session.services.ran).toHaveLength(50);
    const resets = new Set(refused.map((result) => refusalOf(result).reset_at));
    expect(resets.size).toBe(1);
    const resetAt = String([...resets][0]);
    expect(new Date(resetAt).toISOString()).toBe(resetAt);
    expect(Date.parse(resetAt)).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(textOf(refused[0])).toContain(
      `has used 50 of 50 calls allowed per 1h window. It resets at ${resetAt}.`,
    );
    expect(refusalOf(refused[0]!)).toMatchObject({
      reason: 'budget_exhausted',
      exhausted: 'calls',
      limit: 50,
    });
  });

  it('calls refused by the rate limit do not spend the budget', async () => {
    session = await connect({
      tools: policyTools,
      config: {
        budgets: { default: { calls: 50 } },
        rate_limits: { tools: { peek: { per_minute: NO_REFILL, burst: 10 } } },
      },
    });
    expect((await parallel('peek', 200)).ok).toHaveLength(10);
    const blobs = await parallel('blob', 200, { size: 1 });
    expect(blobs.ok).toHaveLength(40);
    expect(refusalOf(blobs.refused[0]!)).toMatchObject({ reason: 'budget_exhausted' });
  });

  it('stops at returned bytes after the call that crosses the limit', async () => {
    session = await connect({
      tools: policyTools,
      config: { budgets: { default: { returned_bytes: 1000 } } },
    });
    const first = await session.client.callTool({ name: 'blob', arguments: { size: 700 } });
    expect(first.isError).toBeFalsy();
    const second = await session.client.callTool({ name: 'blob', arguments: { size: 700 } });
    expect(second.isError).toBeFalsy();
    const third = (await session.client.callTool({ name: 'blob', arguments: { size: 1 } })) as CallToolResult;
    expect(third.isError).toBe(true);
    expect(refusalOf(third)).toMatchObject({ exhausted: 'returned_bytes', limit: 1000 });
    expect(refusalOf(third).used).toBeGreaterThan(1400);
  });

  it('counts task seconds for execute-class tools only', async () => {
    session = await connect({ tools: policyTools, config: { budgets: { default: { task_seconds: 0.01 } } } });
    expect((await session.client.callTool({ name: 'run_check', arguments: { ms: 30 } })).isError).toBeFalsy();
    const refused = (await session.client.callTool({ name: 'run_check', arguments: {} })) as CallToolResult;
    expect(refusalOf(refused)).toMatchObject({ reason: 'budget_exhausted', exhausted: 'task_seconds' });
    expect((await session.client.callTool({ name: 'peek', arguments: {} })).isError).toBeFalsy();
  });
});
