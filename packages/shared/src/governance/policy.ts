// The policy a server enforces, built once from its config: RBAC, budgets and rate limits. The seam
// (register-tools.ts) runs them in that order after the identity stage.
import type { TandemConfig } from '../config/schema.js';
import { BudgetLedger } from './budget.js';
import { RateLimiter } from './rate-limit.js';
import { Rbac } from './rbac.js';

export interface Policy {
  rbac: Rbac;
  budget: BudgetLedger;
  rateLimit: RateLimiter;
}

export function createPolicy(
  config: Pick<TandemConfig, 'roles' | 'budgets' | 'rate_limits'>,
  options: { now?: () => number } = {},
): Policy {
  return {
    rbac: new Rbac(config.roles),
    budget: new BudgetLedger(config.budgets, options.now),
    rateLimit: new RateLimiter(config.rate_limits, options.now),
  };
}
