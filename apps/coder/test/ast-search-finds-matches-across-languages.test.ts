import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, callOk, connectCoder, SAMPLE_REPO } from './support/coder.js';

interface Match {
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  text: string;
  captures?: Record<string, string>;
  context?: string;
}
interface SearchResult {
  outcome: string;
  matches: Match[];
  total_matches: number;
  files_scanned: number;
  languages: string[];
  hints: string[];
}

describe('ast_search across the sample repo', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('finds a pattern in TypeScript with 1-based positions that point at the matched text', async () => {
    const result = await callOk<SearchResult>(session.client, 'ast_search', {
      pattern: 'console.log($$$ARGS)',
    });
    expect(result.outcome).toBe('matches');
    expect(result.total_matches).toBeGreaterThan(0);
    for (const match of result.matches) {
      const lines = (await readFile(path.join(SAMPLE_REPO, match.file), 'utf8')).split('\n');
      const line = lines[match.line - 1] ?? '';
      expect(line.slice(match.column - 1)).toMatch(/^console\.log\(/);
      expect(match.captures?.$$$ARGS).toBeDefined();
    }
    expect(result._text).toMatch(/^src\/\S+\.ts:\d+:\d+: console\.log\(/m);
  });

  it('tries a pattern without a language in every language it parses in', async () => {
    const result = await callOk<SearchResult>(session.client, 'ast_search', { pattern: 'import $X' });
    expect(result.languages).toContain('python');
    expect(result.matches.some((m) => m.file === 'scripts/report.py' && m.captures?.$X === 'json')).toBe(
      true,
    );
  });

  it('searches only the given language', async () => {
    const result = await callOk<SearchResult>(session.client, 'ast_search', {
      pattern: 'def $NAME($$$PARAMS):\n    $$$BODY',
      language: 'python',
    });
    expect(result.languages).toEqual(['python']);
    expect(result.matches.every((m) => m.file.endsWith('.py'))).toBe(true);
  });

  it('accepts a YAML rule with relational rules and constraints', async () => {
    const rule = [
      'rule:',
      '  pattern: $OBJ.$METHOD($$$)',
      '  inside:',
      '    kind: function_declaration',
      '    stopBy: end',
      'constraints:',
      '  METHOD:',
      '    regex: ^(log|error)$',
    ].join('\n');
    const result = await callOk<SearchResult>(session.client, 'ast_search', { rule, language: 'typescript' });
    expect(result.outcome).toBe('matches');
    expect(result.matches.every((m) => /^(log|error)$/.test(m.captures?.$METHOD ?? ''))).toBe(true);
  });

  it('accepts the same rule as JSON', async () => {
    const rule = JSON.stringify({ rule: { kind: 'import_statement' } });
    const result = await callOk<SearchResult>(session.client, 'ast_search', { rule, language: 'typescript' });
    expect(result.total_matches).toBeGreaterThan(0);
    expect(result.matches.every((m) => m.text.startsWith('import'))).toBe(true);
  });

  it('shows numbered context lines around a match when asked', async () => {
    const result = await callOk<SearchResult>(session.client, 'ast_search', {
      pattern: 'console.log($$$ARGS)',
      context_lines: 2,
      limit: 1,
    });
    const match = result.matches[0] as Match;
    const numbered = (match.context ?? '').split('\n');
    expect(numbered.length).toBeGreaterThanOrEqual(3);
    expect(
      numbered.some((l) => l.startsWith(`${match.line}:`) || l.trimStart().startsWith(`${match.line}:`)),
    ).toBe(true);
  });
});
