import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoderSession,
  callError,
  callOk,
  connectCoder,
  makeTempDir,
  SAMPLE_REPO,
  writeTree,
} from './support/coder.js';

interface Problem {
  line: number;
  column: number;
  kind: string;
  snippet: string;
}
interface Result {
  valid: boolean;
  files: Array<{ file: string; language: string; error_count: number; errors: Problem[] }>;
  files_checked: number;
  files_with_errors: number;
  total_errors: number;
  truncated: boolean;
}

const BROKEN: Record<string, string> = {
  'a.ts': 'const ok = 1;\nfunction f( {\n  return 1;\n}\n',
  'b.py': 'def ok():\n    pass\n\ndef broken(:\n    pass\n',
  'c.rs': 'fn main() {\n    let x = ;\n}\n',
  'd.json': '{"a": 1,, "b": 2}\n',
  'e.go': 'package main\nfunc main() {\n  x := \n}\n',
  'f.sh': 'if [ -n "$x" ]; then\n  echo hi\n',
  'g.yaml': 'a: [1, 2\nb: 3\n',
  'h.java': 'class A { void f() { int x = ; } }\n',
  'i.nix': '{ a = 1; b = ; }\n',
  'j.toml': '[table\nkey = 1\n',
};

describe('validate_syntax', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, { ...BROKEN, 'clean.ts': 'export const x = 1;\n' });
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('finds a syntax error in each broken file, in every language, and none in the clean one', async () => {
    const result = await callOk<Result>(session.client, 'validate_syntax', {});
    expect(result.valid).toBe(false);
    expect(result.files_checked).toBe(Object.keys(BROKEN).length + 1);
    expect(result.files.map((f) => f.file).sort()).toEqual(Object.keys(BROKEN).sort());
    for (const file of result.files) {
      expect(file.error_count, file.file).toBeGreaterThan(0);
      expect(file.errors[0]?.kind, file.file).toMatch(/^(ERROR|MISSING .+)$/);
    }
  });

  it('points at the line of the error, 1-based, with the source line as snippet', async () => {
    const result = await callOk<Result>(session.client, 'validate_syntax', { paths: ['c.rs'] });
    const problem = result.files[0]?.errors[0] as Problem;
    expect(problem.line).toBe(2);
    expect(problem.snippet).toBe('let x = ;');
    expect(result._text).toMatch(/^c\.rs:2:\d+ /m);
  });

  it('reports a clean repository as valid', async () => {
    const clean = await connectCoder(SAMPLE_REPO);
    try {
      const result = await callOk<Result>(clean.client, 'validate_syntax', {});
      expect(result.valid).toBe(true);
      expect(result.files_checked).toBeGreaterThan(5);
      expect(result.total_errors).toBe(0);
    } finally {
      await clean.close();
    }
  });

  it('checks code given inline', async () => {
    const bad = await callOk<Result>(session.client, 'validate_syntax', {
      code: 'if (x { y() }',
      language: 'javascript',
    });
    expect(bad.valid).toBe(false);
    expect(bad.files[0]?.errors[0]).toMatchObject({ line: 1, kind: 'MISSING )' });
    const good = await callOk<Result>(session.client, 'validate_syntax', {
      code: 'x = 1\n',
      language: 'python',
    });
    expect(good.valid).toBe(true);
  });

  it('bounds the files listed and says so', async () => {
    const result = await callOk<Result>(session.client, 'validate_syntax', { limit: 2 });
    expect(result.files).toHaveLength(2);
    expect(result.files_with_errors).toBe(Object.keys(BROKEN).length);
    expect(result.truncated).toBe(true);
  });

  it('refuses bad input with a reason', async () => {
    expect(await callError(session.client, 'validate_syntax', { code: 'x' })).toMatch(
      /`language` is required/,
    );
    expect(await callError(session.client, 'validate_syntax', { paths: ['../..'] })).toMatch(/outside|\.\./i);
  });
});
