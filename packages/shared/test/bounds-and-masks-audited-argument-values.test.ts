import { describe, expect, it } from 'vitest';
import { clip, redactCall, redactValue } from '../src/governance/redact-call.js';
import { Redactor } from '../src/governance/redaction.js';
import { fake } from './support/fake-secrets.js';

const redactor = new Redactor({ env: {} });

describe('audited argument values', () => {
  it('keep short values as they are', async () => {
    const args = { pattern: 'console.log($A)', paths: ['src'], limit: 10, apply: false, note: null };
    expect(await redactValue(redactor, args)).toEqual(args);
  });

  it('mask string values under secret-looking keys, but not numbers', async () => {
    expect(
      await redactValue(redactor, {
        password: 'hunter2',
        headers: { Authorization: 'Basic abc', 'X-Api-Key': 'k' },
        client_secret: 's',
        max_tokens: 100,
        empty_token: '',
      }),
    ).toEqual({
      password: '****',
      headers: { Authorization: '****', 'X-Api-Key': '****' },
      client_secret: '****',
      max_tokens: 100,
      empty_token: '',
    });
  });

  it('cut strings at 256 characters, dropping a token cut in two, and say how long they were', async () => {
    expect(clip('alpha beta gamma', 12)).toBe('alpha beta …(16 chars)');
    expect(clip('a-single-very-long-token', 10)).toBe('…(24 chars)');
    const value = `${'word '.repeat(60)}`;
    const kept = (await redactValue(redactor, { value })) as { value: string };
    expect(kept.value).toBe(`${'word '.repeat(51)}…(300 chars)`);
  });

  it('bound depth, keys and items', async () => {
    const value = {
      list: Array.from({ length: 25 }, (_, i) => i),
      deep: { a: { b: { c: { d: 'too deep' } } } },
      ...Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`k${i}`, i])),
    };
    const bounded = (await redactValue(redactor, value)) as Record<string, unknown>;
    expect(bounded.list).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, '…15 more items']);
    expect(bounded.deep).toEqual({ a: { b: { c: 'object' } } });
    expect(Object.keys(bounded)).toHaveLength(41);
    expect(bounded['…']).toBe('7 more keys');
  });

  it('mask secrets in keys, values, error messages and changed file names', async () => {
    const token = fake.githubToken();
    const redacted = await redactCall(redactor, {
      tool: 'reveal',
      args: { [token]: `value ${token}` },
      error: { type: 'ToolError', message: `bad token ${token}` },
      filesChanged: [`${token}.txt`],
    });
    const masked = `${token.slice(0, 4)}****`;
    expect(redacted).toEqual({
      tool: 'reveal',
      args: { [masked]: `value ${masked}` },
      error: { type: 'ToolError', message: `bad token ${masked}` },
      files_changed: [`${masked}.txt`],
    });
  });
});
