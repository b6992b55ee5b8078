// The `tasks` section: safe defaults, exact recipe names, and timeouts bounded by the maximum.
import { describe, expect, it } from 'vitest';
import { TASK_TIMEOUT_CEILING_S, tandemConfig } from '../src/index.js';

describe('the tasks config section', () => {
  it('defaults to agent-validate, no extra recipes, 600 s of 1800 s', () => {
    expect(tandemConfig.parse({}).tasks).toEqual({
      allow: [],
      validate_recipe: 'agent-validate',
      timeout_s: 600,
      max_timeout_s: 1800,
    });
  });

  it('lowers the default timeout to a lower maximum', () => {
    expect(tandemConfig.parse({ tasks: { max_timeout_s: 60 } }).tasks.timeout_s).toBe(60);
  });

  it('refuses a timeout above the maximum, a maximum above the ceiling, and unknown keys', () => {
    expect(tandemConfig.safeParse({ tasks: { timeout_s: 100, max_timeout_s: 50 } }).success).toBe(false);
    expect(tandemConfig.safeParse({ tasks: { max_timeout_s: TASK_TIMEOUT_CEILING_S + 1 } }).success).toBe(
      false,
    );
    expect(tandemConfig.safeParse({ tasks: { allowed: ['x'] } }).success).toBe(false);
  });

  it('accepts only plain recipe names, no globs or prefixes', () => {
    expect(tandemConfig.parse({ tasks: { allow: ['test', 'lint_all'] } }).tasks.allow).toEqual([
      'test',
      'lint_all',
    ]);
    for (const name of ['test*', 'mod::x', '--help', 'a b', '']) {
      expect(tandemConfig.safeParse({ tasks: { allow: [name] } }).success, name).toBe(false);
    }
  });
});
