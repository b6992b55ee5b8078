import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CoderSession,
  callError,
  callOk,
  connectCoder,
  makeTempDir,
  writeTree,
} from './support/coder.js';

interface Result {
  outcome: string;
  total_matches: number;
  files_scanned: number;
  hints: string[];
}

describe('ast_search outcomes: matches, no matches, invalid query, nothing scanned', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      'src/app.ts': [
        'class Store {',
        '  load(id: string): void {',
        '    if (id) {',
        '      fetchItem(id);',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
      'empty/.keep': '',
    });
    session = await connectCoder(temp.dir);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  it('matches', async () => {
    const result = await callOk<Result>(session.client, 'ast_search', { pattern: 'fetchItem($ID)' });
    expect(result.outcome).toBe('matches');
  });

  it('no matches is a result, not an error, and says so', async () => {
    const result = await callOk<Result>(session.client, 'ast_search', { pattern: 'deleteItem($ID)' });
    expect(result.outcome).toBe('no_matches');
    expect(result.files_scanned).toBe(1);
    expect(result._text).toMatch(/^No matches in 1 file/);
  });

  it('hints when the pattern parsed into an error node', async () => {
    const result = await callOk<Result>(session.client, 'ast_search', {
      pattern: 'fetchItem(',
      language: 'typescript',
    });
    expect(result.outcome).toBe('no_matches');
    expect(result.hints.join('\n')).toMatch(/does not parse as typescript: ERROR/);
  });

  it('hints when a relational rule needs stopBy: end', async () => {
    const rule = 'rule:\n  pattern: fetchItem($ID)\n  inside:\n    kind: method_definition';
    const result = await callOk<Result>(session.client, 'ast_search', { rule, language: 'typescript' });
    expect(result.outcome).toBe('no_matches');
    expect(result.hints.join('\n')).toMatch(/stopBy: end.*matches 1 time/s);
  });

  it('hints at context and selector when the text occurs only as a fragment', async () => {
    const result = await callOk<Result>(session.client, 'ast_search', {
      pattern: 'load(id: string): void',
      language: 'typescript',
    });
    expect(result.outcome).toBe('no_matches');
    expect(result.hints.join('\n')).toMatch(/occurs at src\/app\.ts:2:3.*context.*selector/s);
  });

  it('a pattern object with context and selector finds that fragment', async () => {
    const rule = [
      'rule:',
      '  pattern:',
      '    context: "class A { load(id: string): void { $$$BODY } }"',
      '    selector: method_definition',
    ].join('\n');
    const result = await callOk<Result & { matches: Array<{ line: number }> }>(session.client, 'ast_search', {
      rule,
      language: 'typescript',
    });
    expect(result.outcome).toBe('matches');
    expect(result.matches[0]?.line).toBe(2);
  });

  it('an invalid rule is an error naming the problem', async () => {
    expect(
      await callError(session.client, 'ast_search', { rule: 'rule:\n  kind: not_a_kind', language: 'ts' }),
    ).toMatch(/Kind `not_a_kind` is invalid/);
    expect(await callError(session.client, 'ast_search', { rule: 'rule:\n  patern: x' })).toMatch(
      /unknown field `patern`/,
    );
    expect(await callError(session.client, 'ast_search', { rule: 'rule:\n  pattern: [a\n  b: c' })).toMatch(
      /not valid YAML at line \d+/,
    );
    expect(await callError(session.client, 'ast_search', { rule: '{"rule": ' })).toMatch(/not valid JSON/);
    expect(await callError(session.client, 'ast_search', { pattern: 'a; b', language: 'ts' })).toMatch(
      /Multiple AST nodes/,
    );
    expect(await callError(session.client, 'ast_search', { pattern: 'x', language: 'klingon' })).toMatch(
      /Unknown language "klingon"/,
    );
    expect(await callError(session.client, 'ast_search', { pattern: 'x', rule: 'kind: x' })).toMatch(
      /exactly one of/,
    );
  });

  it('nothing scanned is its own outcome, with the reason', async () => {
    const globs = await callOk<Result>(session.client, 'ast_search', { pattern: 'x', globs: ['**/*.py'] });
    expect(globs.outcome).toBe('nothing_scanned');
    expect(globs.hints.join('\n')).toMatch(/globs matched no file/);
    const empty = await callOk<Result>(session.client, 'ast_search', { pattern: 'x', paths: ['empty'] });
    expect(empty.outcome).toBe('nothing_scanned');
    const language = await callOk<Result>(session.client, 'ast_search', { pattern: 'x', language: 'python' });
    expect(language.outcome).toBe('nothing_scanned');
    expect(language.hints.join('\n')).toMatch(/No python file/);
  });

  it('a path that does not exist is an error, not nothing scanned', async () => {
    expect(await callError(session.client, 'ast_search', { pattern: 'x', paths: ['nope'] })).toMatch(
      /No file or directory at "nope"/,
    );
  });
});
