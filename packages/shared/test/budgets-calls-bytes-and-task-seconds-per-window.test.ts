// The budget stage on its own, on a clock the test moves.
import { describe, expect, it } from 'vitest';
import { budgetsSection } from '../src/config/budgets.js';
import { BudgetLedger } from '../src/governance/budget.js';
import type { Identity } from '../src/governance/identity.js';
import { PolicyRefusal } from '../src/governance/refusal.js';

const START = Date.parse('2030-01-01T10:00:00.000Z');
const alice: Identity = { subject: 'alice', role: 'viewer', transport: 'stdio' };
const bob: Identity = { subject: 'bob', role: 'viewer', transport: 'stdio' };

function ledger(budgets: Record<string, unknown>) {
  const clock = { now: START };
  return { clock, ledger: new BudgetLedger(budgetsSection.parse(budgets), () => clock.now) };
}

function refusal(run: () => unknown): PolicyRefusal {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyRefusal);
    return error as PolicyRefusal;
  }
  throw new Error('the call was admitted');
}

describe('budgets', () => {
  it('admits no call at all when nothing is configured', () => {
    const { ledger: budget } = ledger({});
    for (let index = 0; index < 1000; index++) expect(budget.reserve(alice, 'read').metered).toBe(false);
  });

  it('refuses the call after the last one of the window, with the exact reset time', () => {
    const { clock, ledger: budget } = ledger({ window: '1h', roles: { viewer: { calls: 3 } } });
    budget.reserve(alice, 'read');
    clock.now += 10 * 60_000;
    budget.reserve(alice, 'read');
    budget.reserve(alice, 'read');
    const refused = refusal(() => budget.reserve(alice, 'read'));
    expect(refused.name).toBe('BudgetExhaustedError');
    expect(refused.message).toBe(
      'Budget exhausted: alice (role viewer) has used 3 of 3 calls allowed per 1h window. ' +
        'It resets at 2030-01-01T11:00:00.000Z.',
    );
    expect(refused.hint).toContain('budgets.roles.viewer.calls');
    expect(refused.details).toEqual({
      reason: 'budget_exhausted',
      exhausted: 'calls',
      used: 3,
      limit: 3,
      window_seconds: 3600,
      reset_at: '2030-01-01T11:00:00.000Z',
      retry_after_seconds: 3000,
    });
    // Budgets are per identity: bob has his own.
    expect(budget.reserve(bob, 'read').metered).toBe(true);
    // At the reset a new window starts.
    clock.now = Date.parse('2030-01-01T11:00:00.000Z');
    budget.reserve(alice, 'read');
  });

  it('gives back a call that a later stage refused', () => {
    const { ledger: budget } = ledger({ default: { calls: 1 } });
    budget.reserve(alice, 'read').release();
    const ticket = budget.reserve(alice, 'read');
    ticket.settle({ returnedBytes: 0, taskSeconds: 0 });
    ticket.release(); // after settling, too late: the call ran
    expect(refusal(() => budget.reserve(alice, 'read')).details.exhausted).toBe('calls');
  });

  it('counts returned bytes after each call: the call that crosses the limit completes, the next is refused', () => {
    const { ledger: budget } = ledger({ window: '1d', default: { returned_bytes: 1000 } });
    budget.reserve(alice, 'read').settle({ returnedBytes: 600, taskSeconds: 0 });
    budget.reserve(alice, 'read').settle({ returnedBytes: 600, taskSeconds: 0 });
    const refused = refusal(() => budget.reserve(alice, 'read'));
    expect(refused.message).toMatch(/has used 1,200 of 1,000 returned bytes allowed per 1d window\./);
    expect(refused.hint).toContain('budgets.default.returned_bytes');
    expect(refused.details).toMatchObject({
      exhausted: 'returned_bytes',
      reset_at: '2030-01-02T10:00:00.000Z',
    });
  });

  it('counts task seconds of execute-class tools only, and refuses only those when they run out', () => {
    const { ledger: budget } = ledger({ default: { task_seconds: 10 } });
    budget.reserve(alice, 'read').settle({ returnedBytes: 10, taskSeconds: 50 });
    budget.reserve(alice, 'execute').settle({ returnedBytes: 10, taskSeconds: 6 });
    budget.reserve(alice, 'execute').settle({ returnedBytes: 10, taskSeconds: 4.5 });
    const refused = refusal(() => budget.reserve(alice, 'execute'));
    expect(refused.details).toMatchObject({ exhausted: 'task_seconds', used: 10.5, limit: 10 });
    expect(refused.message).toContain('has used 10.5 of 10 task seconds allowed per 1h window');
    expect(budget.reserve(alice, 'read').metered).toBe(true);
  });

  it("uses the role's own entry and window, else the default", () => {
    const { clock, ledger: budget } = ledger({
      window: '1h',
      default: { calls: 100 },
      roles: { viewer: { calls: 1, window: '90s' } },
    });
    budget.reserve(alice, 'read');
    expect(refusal(() => budget.reserve(alice, 'read')).details).toMatchObject({
      window_seconds: 90,
      retry_after_seconds: 90,
    });
    clock.now += 90_000;
    budget.reserve(alice, 'read');
    const dev: Identity = { subject: 'dana', role: 'developer', transport: 'stdio' };
    for (let index = 0; index < 100; index++) budget.reserve(dev, 'write');
    expect(refusal(() => budget.reserve(dev, 'write')).details).toMatchObject({ limit: 100 });
  });

  it('charges a delegated call to the principal it is made for', () => {
    const { ledger: budget } = ledger({ roles: { viewer: { calls: 1 } } });
    const viaOrchestrator: Identity = {
      subject: 'local',
      role: 'developer',
      transport: 'stdio',
      on_behalf_of: { subject: 'alice', role: 'viewer' },
    };
    budget.reserve(viaOrchestrator, 'read');
    expect(refusal(() => budget.reserve(alice, 'read')).message).toContain('alice (role viewer)');
  });
});
