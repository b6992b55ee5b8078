// code_search is ast_search plus the macro view: each match names the function, method or class it
// sits in, found through the real coder (the orchestrator parses nothing itself).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { codeSearchOutput } from '@tandem/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { sampleRepo } from './support/paths.js';

type Output = z.output<typeof codeSearchOutput>;

let orchestrator: ConnectedOrchestrator;

beforeAll(async () => {
  orchestrator = await connectOrchestrator(sampleRepo);
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
});

async function search(args: Record<string, unknown>): Promise<{ output: Output; text: string }> {
  const result = (await orchestrator.client.callTool({
    name: 'code_search',
    arguments: args,
  })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  return { output: codeSearchOutput.parse(result.structuredContent), text };
}

const where = (output: Output) =>
  output.matches.map((match) => ({
    at: `${match.file}:${match.line}`,
    symbol: match.symbol ? `${match.symbol.kind} ${match.symbol.qualified_name}` : match.symbol,
  }));

describe('code_search', () => {
  it('names the method and class around TypeScript matches, and the function for free functions', async () => {
    const { output, text } = await search({ pattern: 'console.log($$$A)', language: 'typescript' });
    expect(where(output)).toEqual([
      { at: 'src/ledger.ts:88', symbol: 'function loadLedger' },
      { at: 'src/ledger.ts:94', symbol: 'function printBalances' },
    ]);
    const thrown = await search({ pattern: 'throw new Error($$$A)', paths: ['src/ledger.ts'] });
    expect(where(thrown.output)).toEqual([
      { at: 'src/ledger.ts:34', symbol: 'method Ledger.addAccount' },
      { at: 'src/ledger.ts:42', symbol: 'method Ledger.post' },
      { at: 'src/ledger.ts:46', symbol: 'method Ledger.post' },
      { at: 'src/ledger.ts:49', symbol: 'method Ledger.post' },
    ]);
    const symbol = thrown.output.matches[0]?.symbol;
    expect(symbol).toMatchObject({ name: 'addAccount', kind: 'method', line: 32, end_line: 37 });
    expect(output.symbols).toEqual({ languages: ['typescript'], unsupported_languages: [], complete: true });
    expect(text).toContain('src/ledger.ts:88:3 [function loadLedger]: console.log(');
  });

  it('names Python methods, functions, and says null at module level', async () => {
    const { output } = await search({
      rule: 'rule:\n  any:\n    - pattern: sum($$$A)\n    - pattern: summary.income += $X\n    - pattern: Path(__file__)',
      language: 'python',
      paths: ['scripts/report.py'],
    });
    expect(where(output)).toEqual([
      { at: 'scripts/report.py:14', symbol: null },
      { at: 'scripts/report.py:26', symbol: 'method MonthlySummary.total_expenses' },
      { at: 'scripts/report.py:47', symbol: 'function summarize' },
    ]);
  });

  it('passes paging through: each page gets its own symbols', async () => {
    const first = await search({ pattern: 'throw new Error($$$A)', paths: ['src/ledger.ts'], limit: 2 });
    expect(first.output.matches).toHaveLength(2);
    expect(first.output.next_cursor).toBeDefined();
    const second = await search({
      pattern: 'throw new Error($$$A)',
      paths: ['src/ledger.ts'],
      limit: 2,
      cursor: first.output.next_cursor,
    });
    expect(where(second.output).map((match) => match.symbol)).toEqual([
      'method Ledger.post',
      'method Ledger.post',
    ]);
  });

  it('leaves the symbol out, and says so, for a language without a symbol table', async () => {
    const { output, text } = await search({ pattern: 'echo $$$A', language: 'bash' });
    expect(output.matches.length).toBeGreaterThan(0);
    expect(output.matches.every((match) => match.symbol === undefined)).toBe(true);
    expect(output.symbols.unsupported_languages).toEqual(['bash']);
    expect(text).toContain('no symbol table for: bash');
  });

  it('reports bad input as the coder does', async () => {
    const result = (await orchestrator.client.callTool({
      name: 'code_search',
      arguments: { pattern: 'foo(', language: 'klingon' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
  });
});
