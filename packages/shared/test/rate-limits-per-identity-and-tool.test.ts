// The rate-limit stage on its own: a token bucket per identity and tool, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { rateLimitsSection } from '../src/config/rate-limits.js';
import type { Identity } from '../src/governance/identity.js';
import { RateLimiter } from '../src/governance/rate-limit.js';
import { PolicyRefusal } from '../src/governance/refusal.js';

const START = Date.parse('2030-01-01T10:00:00.000Z');
const alice: Identity = { subject: 'alice', role: 'developer', transport: 'stdio' };
const bob: Identity = { subject: 'bob', role: 'developer', transport: 'stdio' };

function limiter(config: Record<string, unknown>) {
  const clock = { now: START };
  return { clock, limiter: new RateLimiter(rateLimitsSection.parse(config), () => clock.now) };
}

/** How many of `count` back-to-back calls are admitted. */
function admitted(rate: RateLimiter, identity: Identity, tool: string, count: number): number {
  let ok = 0;
  for (let index = 0; index < count; index++) {
    try {
      rate.take(identity, tool);
      ok += 1;
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyRefusal);
    }
  }
  return ok;
}

function refusal(run: () => unknown): PolicyRefusal {
  try {
    run();
  } catch (error) {
    return error as PolicyRefusal;
  }
  throw new Error('the call was admitted');
}

describe('rate limits', () => {
  it('has a generous default', () => {
    const { limiter: rate } = limiter({});
    expect(rate.limitFor('ast_search')).toEqual({ per_minute: 600, burst: 300 });
    expect(admitted(rate, alice, 'ast_search', 300)).toBe(300);
  });

  it('admits a burst, then refuses with retry_after_seconds until a token refills', () => {
    const { clock, limiter: rate } = limiter({ tools: { ast_rewrite: { per_minute: 6, burst: 3 } } });
    expect(admitted(rate, alice, 'ast_rewrite', 5)).toBe(3);
    const refused = refusal(() => rate.take(alice, 'ast_rewrite'));
    expect(refused.name).toBe('RateLimitedError');
    expect(refused.message).toBe(
      'Rate limit: alice may call ast_rewrite 6 times per minute, in bursts of up to 3. ' +
        'Retry after 10 s (retry_after_seconds: 10).',
    );
    expect(refused.details).toEqual({
      reason: 'rate_limited',
      tool: 'ast_rewrite',
      per_minute: 6,
      burst: 3,
      retry_after_seconds: 10,
      retry_at: '2030-01-01T10:00:10.000Z',
    });
    clock.now += 4000;
    expect(refusal(() => rate.take(alice, 'ast_rewrite')).details.retry_after_seconds).toBe(6);
    clock.now += 6000;
    expect(admitted(rate, alice, 'ast_rewrite', 2)).toBe(1);
    // A long pause refills the bucket up to the burst, not beyond.
    clock.now += 3_600_000;
    expect(admitted(rate, alice, 'ast_rewrite', 10)).toBe(3);
  });

  it('keeps one bucket per identity and per tool', () => {
    const { limiter: rate } = limiter({ default: { per_minute: 1, burst: 2 } });
    expect(admitted(rate, alice, 'ast_search', 5)).toBe(2);
    expect(admitted(rate, alice, 'lint', 5)).toBe(2);
    expect(admitted(rate, bob, 'ast_search', 5)).toBe(2);
    const delegated: Identity = {
      ...bob,
      subject: 'local',
      on_behalf_of: { subject: 'alice', role: 'viewer' },
    };
    expect(admitted(rate, delegated, 'ast_search', 1)).toBe(0);
  });
});
