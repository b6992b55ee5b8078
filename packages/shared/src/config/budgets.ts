// `budgets:` — how much each identity may spend per window: calls, bytes returned, and seconds of
// execute-class tools (those that run commands). No limit is set by default: a budget is something a
// team opts into. A role's entry is that role's whole budget; roles without one use `default`.
import { z } from 'zod';
import { roleName } from './roles.js';

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `90s`, `15m`, `1h`, `1d` → seconds. One unit only: enough for budget windows, nothing to misread. */
export const duration = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*[smhd]$/, 'must be a duration such as "90s", "15m", "1h" or "1d"')
  .transform((text) => Number.parseFloat(text) * UNIT_SECONDS[text.at(-1) as keyof typeof UNIT_SECONDS])
  .refine((seconds) => seconds >= 1, { message: 'must be at least 1 second' });

export const budgetLimits = z.strictObject({
  window: duration.optional().describe('Window of this budget; default budgets.window'),
  calls: z.number().int().nonnegative().optional().describe('Tool calls per window'),
  returned_bytes: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('Bytes of results per window (counted after each call)'),
  task_seconds: z
    .number()
    .nonnegative()
    .optional()
    .describe('Seconds spent in execute-class tools per window (counted after each call)'),
});

export const DEFAULT_BUDGET_WINDOW = '1h';

export const budgetsSection = z
  .strictObject({
    window: duration.prefault(DEFAULT_BUDGET_WINDOW).describe('Default window length'),
    default: budgetLimits.optional().describe('Budget of every role without its own entry'),
    roles: z.record(roleName, budgetLimits).default({}),
  })
  .prefault({});

export type BudgetLimits = z.output<typeof budgetLimits>;
export type BudgetsConfig = z.output<typeof budgetsSection>;
