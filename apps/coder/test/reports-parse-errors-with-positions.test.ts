import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, SAMPLE_REPO, type TreeResult, textOf } from './support/coder.js';

describe('code that does not parse', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('reports has_errors and the errors with 1-based line and column', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'def f(x:\n  return x', language: 'python' },
    });
    // A parse error is a finding, not a failed call.
    expect(result.isError).toBeFalsy();
    const dumped = result.structuredContent as unknown as TreeResult;
    expect(dumped.has_errors).toBe(true);
    expect(dumped.errors).toEqual([{ line: 1, column: 1, kind: 'ERROR' }]);
    expect(dumped.tree).toMatch(/^ {2}ERROR 1:1-/m);
    expect(textOf(result)).toMatch(/^python ast, \d+ nodes, 1 parse error\(s\), first at 1:1\n/);
  });

  it('places an error that starts mid-line at its column', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'ok = 1\nint x = 1\n', language: 'javascript' },
    });
    const dumped = result.structuredContent as unknown as TreeResult;
    expect(dumped.has_errors).toBe(true);
    expect(dumped.errors).toEqual([{ line: 2, column: 5, kind: 'ERROR' }]);
  });

  it('reports a MISSING node in the cst format', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'fn main() {\n    let x = 1\n}\n', language: 'rust', format: 'cst' },
    });
    const dumped = result.structuredContent as unknown as TreeResult;
    expect(dumped.has_errors).toBe(true);
    expect(dumped.errors).toEqual([{ line: 2, column: 14, kind: 'MISSING ;' }]);
    expect(dumped.tree).toMatch(/^ +MISSING ; 2:14-2:14$/m);
  });

  it('reports an anonymous MISSING token in the default ast format too', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'fn main() {\n    let x = 1\n}\n', language: 'rust' },
    });
    const dumped = result.structuredContent as unknown as TreeResult;
    expect(dumped.has_errors).toBe(true);
    expect(dumped.errors).toEqual([{ line: 2, column: 14, kind: 'MISSING ;' }]);
  });

  it('says the text parsed cleanly when it did', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { code: 'def f(x):\n  return x\n', language: 'python' },
    });
    expect((result.structuredContent as unknown as TreeResult).has_errors).toBe(false);
    expect(textOf(result)).toMatch(/^python ast, \d+ nodes, parsed cleanly\n/);
  });
});
