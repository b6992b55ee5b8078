// Budget stage: what one identity may spend per window — calls, bytes returned, and seconds spent in
// execute-class tools. Windows are fixed: one starts at an identity's first call and resets a window
// length later, so the reset time a refusal names is exact.
//
// Under concurrency nothing is over-spent that can be known in advance: a call is reserved before the
// handler runs (in the same synchronous step as the check, so 200 parallel calls against a budget of
// 50 calls admit exactly 50) and released if a later stage refuses it. Returned bytes and task seconds
// are only known afterwards, so they are settled after the handler: a call is admitted while the
// spend is under the limit, and the calls already running when it is crossed complete; the next call
// is refused.
import type { BudgetLimits, BudgetsConfig } from '../config/budgets.js';
import type { PermissionClass } from '../config/roles.js';
import type { Identity } from './identity.js';
import { PolicyRefusal, secondsUntil } from './refusal.js';

export interface BudgetSpend {
  returnedBytes: number;
  /** Seconds the handler ran; counted for execute-class tools only. */
  taskSeconds: number;
}

export interface BudgetTicket {
  /** False when the identity has no budget: settling can be skipped, and what it costs. */
  readonly metered: boolean;
  /** Adds what the call spent once it finished. */
  settle(spend: BudgetSpend): void;
  /** Gives the reserved call back: a later stage refused it, so it never ran. */
  release(): void;
}

interface Window {
  resetsAt: number;
  calls: number;
  returnedBytes: number;
  taskSeconds: number;
}

type Resource = 'calls' | 'returned_bytes' | 'task_seconds';

const NO_BUDGET: BudgetTicket = { metered: false, settle() {}, release() {} };
/** Expired windows are swept once the map holds more identities than this. */
const SWEEP_AT = 10_000;

export function formatDuration(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const UNIT: Record<Resource, string> = {
  calls: 'calls',
  returned_bytes: 'returned bytes',
  task_seconds: 'task seconds',
};

const amount = (value: number) => (Math.round(value * 10) / 10).toLocaleString('en');

export class BudgetLedger {
  private readonly windows = new Map<string, Window>();
  private sweepAt = SWEEP_AT;

  constructor(
    private readonly config: BudgetsConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves one call for the identity the call is made for; throws when its budget is spent. */
  reserve(identity: Identity, permission: PermissionClass): BudgetTicket {
    const principal = identity.on_behalf_of ?? identity;
    const own = this.config.roles[principal.role];
    const limits = own ?? this.config.default;
    if (!limits || !hasLimit(limits)) return NO_BUDGET;
    const windowSeconds = limits.window ?? this.config.window;
    const now = this.now();
    let window = this.windows.get(principal.subject);
    if (!window || now >= window.resetsAt) {
      this.sweep(now);
      window = { resetsAt: now + windowSeconds * 1000, calls: 0, returnedBytes: 0, taskSeconds: 0 };
      this.windows.set(principal.subject, window);
    }
    const spent: Array<[Resource, number, number | undefined]> = [
      ['calls', window.calls, limits.calls],
      ['returned_bytes', window.returnedBytes, limits.returned_bytes],
      ['task_seconds', window.taskSeconds, permission === 'execute' ? limits.task_seconds : undefined],
    ];
    for (const [resource, used, limit] of spent) {
      if (limit === undefined || used < limit) continue;
      const resetAt = new Date(window.resetsAt).toISOString();
      const key = own ? `budgets.roles.${principal.role}.${resource}` : `budgets.default.${resource}`;
      throw new PolicyRefusal(
        'BudgetExhaustedError',
        `Budget exhausted: ${principal.subject} (role ${principal.role}) has used ${amount(used)} of ` +
          `${amount(limit)} ${UNIT[resource]} allowed per ${formatDuration(windowSeconds)} window. ` +
          `It resets at ${resetAt}.`,
        {
          reason: 'budget_exhausted',
          exhausted: resource,
          used,
          limit,
          window_seconds: windowSeconds,
          reset_at: resetAt,
          retry_after_seconds: secondsUntil(window.resetsAt, now),
        },
        `Wait until then, or ask a maintainer to raise ${key} in .tandem/config.yaml.`,
      );
    }
    window.calls += 1;
    const charged = window;
    let open = true;
    return {
      metered: true,
      settle({ returnedBytes, taskSeconds }) {
        if (!open) return;
        open = false;
        charged.returnedBytes += returnedBytes;
        if (permission === 'execute') charged.taskSeconds += taskSeconds;
      },
      release() {
        if (!open) return;
        open = false;
        charged.calls -= 1;
      },
    };
  }

  private sweep(now: number): void {
    if (this.windows.size < this.sweepAt) return;
    for (const [subject, window] of this.windows) if (now >= window.resetsAt) this.windows.delete(subject);
    this.sweepAt = Math.max(SWEEP_AT, this.windows.size * 2);
  }
}

function hasLimit(limits: BudgetLimits): boolean {
  return (
    limits.calls !== undefined || limits.returned_bytes !== undefined || limits.task_seconds !== undefined
  );
}
