// `rate_limits:` — a token bucket per identity and tool: `burst` calls at once, refilled at
// `per_minute`. The default is generous so that ordinary use, even an agent's bursts of parallel
// calls, never meets it; it stops runaway loops. `tools` sets a tool's own bucket.
import { z } from 'zod';

export const rateLimit = z.strictObject({
  per_minute: z.number().positive().describe('Calls per minute the bucket refills'),
  burst: z.number().int().positive().describe('Calls that may be made at once'),
});

export type RateLimit = z.output<typeof rateLimit>;

export const DEFAULT_RATE_LIMIT: RateLimit = { per_minute: 600, burst: 300 };

const toolName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a tool name (snake_case)');

export const rateLimitsSection = z
  .strictObject({
    default: rateLimit.default(DEFAULT_RATE_LIMIT),
    tools: z.record(toolName, rateLimit).default({}),
  })
  .prefault({});

export type RateLimitsConfig = z.output<typeof rateLimitsSection>;
