// Rate-limit stage: a token bucket per identity and tool. A bucket holds up to `burst` tokens and
// refills continuously at `per_minute`; each call takes one token in the same synchronous step as the
// check, so 200 parallel calls against a burst of 10 admit exactly 10. A refused call carries
// `retry_after_seconds`: the time until the bucket holds a token again, rounded up.
import type { RateLimit, RateLimitsConfig } from '../config/rate-limits.js';
import type { Identity } from './identity.js';
import { PolicyRefusal, secondsUntil } from './refusal.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
  limit: RateLimit;
}

/** Buckets that have refilled completely are dropped once the map holds more than this. */
const SWEEP_AT = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweepAt = SWEEP_AT;

  constructor(
    private readonly config: RateLimitsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  limitFor(tool: string): RateLimit {
    return this.config.tools[tool] ?? this.config.default;
  }

  /** Takes a token for the identity the call is made for; throws when its bucket for `tool` is empty. */
  take(identity: Identity, tool: string): void {
    const principal = identity.on_behalf_of ?? identity;
    const key = `${principal.subject}\u0000${tool}`;
    const now = this.now();
    const limit = this.limitFor(tool);
    let bucket = this.buckets.get(key);
    if (!bucket) {
      this.sweep(now);
      bucket = { tokens: limit.burst, updatedAt: now, limit };
      this.buckets.set(key, bucket);
    }
    refill(bucket, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const readyAt = now + ((1 - bucket.tokens) * 60_000) / limit.per_minute;
    const retryAfter = secondsUntil(readyAt, now);
    throw new PolicyRefusal(
      'RateLimitedError',
      `Rate limit: ${principal.subject} may call ${tool} ${limit.per_minute} times per minute, in bursts ` +
        `of up to ${limit.burst}. Retry after ${retryAfter} s (retry_after_seconds: ${retryAfter}).`,
      {
        reason: 'rate_limited',
        tool,
        per_minute: limit.per_minute,
        burst: limit.burst,
        retry_after_seconds: retryAfter,
        retry_at: new Date(now + retryAfter * 1000).toISOString(),
      },
      `A maintainer can raise rate_limits.tools.${tool} (or rate_limits.default) in .tandem/config.yaml.`,
    );
  }

  private sweep(now: number): void {
    if (this.buckets.size < this.sweepAt) return;
    for (const [key, bucket] of this.buckets) {
      refill(bucket, now);
      if (bucket.tokens >= bucket.limit.burst) this.buckets.delete(key);
    }
    this.sweepAt = Math.max(SWEEP_AT, this.buckets.size * 2);
  }
}

function refill(bucket: Bucket, now: number): void {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.tokens = Math.min(bucket.limit.burst, bucket.tokens + (elapsed * bucket.limit.per_minute) / 60_000);
  bucket.updatedAt = now;
}
