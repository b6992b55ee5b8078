// The policy's config sections: a complete example loads, and each kind of mistake stops the load
// with the line and key path of the bad value.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { makeTempDir } from './support/temp-dir.js';

describe('roles, identity, budgets and rate_limits in config.yaml', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  let file: string;
  beforeEach(async () => {
    temp = await makeTempDir();
    file = path.join(temp.dir, '.tandem', 'config.yaml');
    await mkdir(path.dirname(file));
  });
  afterEach(async () => {
    await temp.remove();
  });

  async function failure(text: string): Promise<ConfigError> {
    await writeFile(file, text);
    try {
      loadConfig(temp.dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return error as ConfigError;
    }
    throw new Error('loadConfig accepted the config');
  }

  it('loads a complete example', async () => {
    await writeFile(
      file,
      [
        'identity:',
        '  role: reviewer',
        'roles:',
        '  viewer:',
        '    grants: [read]',
        '    deny: [scan_*]',
        '  reviewer:',
        '    grants: [read]',
        '    allow: [lint]',
        'budgets:',
        '  window: 30m',
        '  default: { calls: 2000, returned_bytes: 50000000, task_seconds: 1800 }',
        '  roles:',
        '    viewer: { calls: 200, window: 1d }',
        'rate_limits:',
        '  default: { per_minute: 120, burst: 40 }',
        '  tools:',
        '    ast_rewrite: { per_minute: 10, burst: 3 }',
        '',
      ].join('\n'),
    );
    const { config } = loadConfig(temp.dir);
    expect(config.identity).toEqual({ role: 'reviewer' });
    expect(config.roles).toEqual({
      viewer: { grants: ['read'], allow: [], deny: ['scan_*'] },
      developer: { grants: ['read', 'write', 'execute'], allow: [], deny: [] },
      maintainer: { grants: ['read', 'write', 'execute', 'commit'], allow: [], deny: [] },
      reviewer: { grants: ['read'], allow: ['lint'], deny: [] },
    });
    expect(config.budgets).toEqual({
      window: 1800,
      default: { calls: 2000, returned_bytes: 50_000_000, task_seconds: 1800 },
      roles: { viewer: { calls: 200, window: 86_400 } },
    });
    expect(config.rate_limits).toEqual({
      default: { per_minute: 120, burst: 40 },
      tools: { ast_rewrite: { per_minute: 10, burst: 3 } },
    });
  });

  it('refuses an identity role that no section defines', async () => {
    const error = await failure('roles:\n  lead: { grants: [read] }\nidentity:\n  role: admin\n');
    expect(error.key).toBe('identity.role');
    expect(error.line).toBe(4);
    expect(error.message).toContain(
      'line 4: identity.role: "admin" is not a role (known: viewer, developer, maintainer, lead); define it under roles:',
    );
  });

  it('refuses a budget for an unknown role', async () => {
    const error = await failure('budgets:\n  roles:\n    guests: { calls: 1 }\n');
    expect(error.key).toBe('budgets.roles.guests');
    expect(error.line).toBe(3);
  });

  it('names a permission class that does not exist, and the ones that do', async () => {
    const error = await failure('roles:\n  viewer:\n    grants: [read, admin]\n');
    expect(error.key).toBe('roles.viewer.grants[1]');
    expect(error.message).toMatch(
      /line 3: roles\.viewer\.grants\[1\]: .*"read".*"write".*"execute".*"commit"/,
    );
  });

  it('refuses a misspelt key inside a role', async () => {
    const error = await failure('roles:\n  viewer:\n    grant: [read]\n');
    expect(error.message).toContain('line 3: roles.viewer.grant: unknown key "grant"');
  });

  it('refuses a role name and a tool glob with characters they cannot have', async () => {
    expect((await failure('roles:\n  Admins: {}\n')).message).toContain(
      'roles.Admins: bad key: must be lowercase letters, digits, "_" or "-", starting with a letter',
    );
    expect((await failure('roles:\n  viewer: { allow: ["src/**"] }\n')).key).toBe('roles.viewer.allow[0]');
  });

  it('refuses a window that is not a duration', async () => {
    const error = await failure('budgets:\n  window: 1 week\n');
    expect(error.message).toContain(
      'line 2: budgets.window: must be a duration such as "90s", "15m", "1h" or "1d"',
    );
  });

  it('refuses a rate limit that could never admit a call', async () => {
    const error = await failure('rate_limits:\n  tools:\n    lint: { per_minute: 0, burst: 1 }\n');
    expect(error.key).toBe('rate_limits.tools.lint.per_minute');
    expect(error.line).toBe(3);
  });
});
