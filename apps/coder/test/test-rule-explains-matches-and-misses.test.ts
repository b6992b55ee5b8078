import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callError, callOk, connectCoder, SAMPLE_REPO } from './support/coder.js';

interface Result {
  outcome: string;
  matches: Array<{ line: number; column: number; text: string; captures?: Record<string, string> }>;
  total_matches: number;
  code_errors: unknown[];
  hints: string[];
}

describe('test_rule', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('returns matches with 1-based positions and captures', async () => {
    const result = await callOk<Result>(session.client, 'test_rule', {
      code: 'x = 1\nprint(compute(x, 2))\n',
      language: 'python',
      pattern: 'compute($A, $B)',
    });
    expect(result.outcome).toBe('matches');
    expect(result.matches).toEqual([
      {
        line: 2,
        column: 7,
        end_line: 2,
        end_column: 20,
        text: 'compute(x, 2)',
        captures: { $A: 'x', $B: '2' },
      },
    ]);
  });

  it('captures a $$$ list as the source text it spans', async () => {
    const result = await callOk<Result>(session.client, 'test_rule', {
      code: 'f(a, b /* two */, c);',
      language: 'javascript',
      pattern: 'f($$$ARGS)',
    });
    expect(result.matches[0]?.captures?.$$$ARGS).toBe('a, b /* two */, c');
  });

  it('gives the same hints as a search that found nothing', async () => {
    const result = await callOk<Result>(session.client, 'test_rule', {
      code: 'function f() { if (x) { return 1; } }',
      language: 'javascript',
      rule: 'rule:\n  pattern: return $X\n  inside:\n    kind: function_declaration',
    });
    expect(result.outcome).toBe('no_matches');
    expect(result.hints.join('\n')).toMatch(/stopBy: end.*1 time/s);
  });

  it('says when the code itself does not parse', async () => {
    const result = await callOk<Result>(session.client, 'test_rule', {
      code: 'def f(:\n  pass',
      language: 'python',
      pattern: 'pass',
    });
    expect(result.code_errors.length).toBeGreaterThan(0);
    expect(result.hints.join('\n')).toMatch(/code itself does not parse cleanly/);
  });

  it('refuses an invalid rule with the reason', async () => {
    const text = await callError(session.client, 'test_rule', {
      code: 'x',
      language: 'rust',
      rule: 'rule:\n  matches: undefined-util',
    });
    expect(text).toMatch(/Rule `undefined-util` is not defined/);
  });
});
