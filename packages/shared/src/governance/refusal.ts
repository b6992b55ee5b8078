// A call the policy refuses (permission, budget, rate limit, the plan's strict guardrails). Besides the text every caller reads,
// it carries machine-readable details that the seam returns in the result's
// `_meta["tandem/refusal"]`, e.g. `{ reason: "rate_limited", retry_after_seconds: 4, ... }`.
import { ToolError } from '../seam/tool-error.js';

export const REFUSAL_META_KEY = 'tandem/refusal';

export type RefusalReason =
  | 'permission_denied'
  | 'unknown_role'
  | 'budget_exhausted'
  | 'rate_limited'
  | 'plan_guardrail';

export interface RefusalDetails {
  reason: RefusalReason;
  [key: string]: unknown;
}

export class PolicyRefusal extends ToolError {
  readonly details: RefusalDetails;
  /** How the audit records it (see outcomeOf). */
  readonly outcome = 'refused';

  constructor(name: string, message: string, details: RefusalDetails, hint?: string) {
    super(message, hint === undefined ? {} : { hint });
    this.name = name;
    this.details = details;
  }
}

/** Seconds until `epochMs`, rounded up so that retrying after them is never too early. */
export function secondsUntil(epochMs: number, now: number): number {
  return Math.max(1, Math.ceil((epochMs - now) / 1000));
}
