// bench/render.mjs writes docs/benchmarks.md from one run's results: the ratios and the met/missed
// verdicts on that page must come from the numbers, so they are checked here on fixed results.
import { describe, expect, it } from 'vitest';

interface Stats {
  median?: number;
  min?: number;
  max?: number;
  p50?: number;
  p90?: number;
  p99?: number;
}
interface Row {
  key?: string;
  label: string;
  stats: Stats;
  ratio?: { to: string; name: string };
  goal?: { ratio?: number; max?: number; p50?: number };
}
interface Table {
  kind?: 'percentiles';
  unit?: string;
  short?: string;
  caption?: string;
  rows: Row[];
}
interface Section {
  id: string;
  title: string;
  tables: Table[];
  facts?: string[];
}
interface RenderModule {
  renderPage(results: { header: unknown; sections: Section[] }): string;
  evaluateGoal(row: Row, table: Table): { text: string; measured: string; met?: boolean } | undefined;
  ratioOf(row: Row, table: Table): number | undefined;
  goalsOf(sections: Section[]): Array<{ row: string; met?: boolean }>;
}

// A plain .mjs outside the package (bench/ is not TypeScript): loaded by URL, typed by the interface.
const render = (await import(new URL('../../../bench/render.mjs', import.meta.url).href)) as RenderModule;

const cli = { key: 'CLI', label: 'CLI `tool run`', stats: { median: 200, min: 180, max: 260 } };
const searchTable: Table = {
  short: 'three',
  rows: [
    cli,
    {
      label: 'repeated search',
      stats: { median: 50, min: 40, max: 70 },
      ratio: { to: 'CLI', name: 'CLI' },
      goal: { ratio: 0.33 },
    },
    {
      label: 'first search',
      stats: { median: 300, min: 250, max: 400 },
      ratio: { to: 'CLI', name: 'CLI' },
      goal: { ratio: 1.2 },
    },
  ],
};
const startupTable: Table = {
  short: 'tandem-coder',
  rows: [{ label: 'spawn → initialize', stats: { median: 280, min: 250, max: 320 }, goal: { max: 300 } }],
};
const delegationTable: Table = {
  kind: 'percentiles',
  short: '(a) end to end',
  rows: [{ label: 'added latency', stats: { p50: 0.75, p99: 3 }, goal: { p50: 0.5 } }],
};
const header = {
  date: '2026-01-01 00:00:00 UTC',
  command: 'npm run bench',
  durationS: 61.4,
  machine: { cpu: 'Test CPU', cores: 2, memoryGb: 8, os: 'Linux' },
  load: { before: [1, 2, 3], after: [0.5, 1, 1.5] },
  versions: { Node: 'v20.0.0', commit: 'abc1234' },
  corpora: ['three@0.187.0 src/'],
  runs: { startup: 15 },
};
const sections: Section[] = [
  { id: 'ast-search', title: 'ast_search', tables: [searchTable] },
  { id: 'startup', title: 'Start-up', tables: [startupTable] },
  { id: 'delegation', title: 'Delegation overhead', tables: [delegationTable], facts: ['10 calls made 10'] },
];

describe('the generated benchmarks page', () => {
  it('computes ratios as median over the baseline median', () => {
    expect(render.ratioOf(searchTable.rows[1] as Row, searchTable)).toBeCloseTo(0.25);
    expect(render.ratioOf(searchTable.rows[2] as Row, searchTable)).toBeCloseTo(1.5);
    expect(render.ratioOf(cli, searchTable)).toBeUndefined();
  });

  it('judges each goal met or missed from the numbers', () => {
    expect(render.evaluateGoal(searchTable.rows[1] as Row, searchTable)).toMatchObject({
      met: true,
      measured: '0.25×',
    });
    expect(render.evaluateGoal(searchTable.rows[2] as Row, searchTable)).toMatchObject({ met: false });
    expect(render.evaluateGoal(startupTable.rows[0] as Row, startupTable)).toMatchObject({ met: true });
    expect(render.evaluateGoal(delegationTable.rows[0] as Row, delegationTable)).toMatchObject({
      met: false,
      text: 'p50 ≤ 0.5 ms',
    });
    expect(render.goalsOf(sections).map((goal) => [goal.row, goal.met])).toEqual([
      ['repeated search', true],
      ['first search', false],
      ['spawn → initialize', true],
      ['added latency', false],
    ]);
  });

  it('renders header, goals and sections in a fixed order with the verdicts in the tables', () => {
    const page = render.renderPage({ header, sections });
    expect(page).toContain('Test CPU, 2 cores');
    expect(page).toContain('1.00 / 2.00 / 3.00 before, 0.50 / 1.00 / 1.50 after');
    expect(page).toContain('Node v20.0.0, commit abc1234');
    expect(page).toContain('| repeated search | 50.0 | 40.0 | 70.0 | 0.25× CLI | ≤ 0.33× CLI — met |');
    expect(page).toContain('| first search | 300 | 250 | 400 | 1.50× CLI | ≤ 1.2× CLI — **missed** |');
    expect(page).toContain('| added latency | 0.75 | — | 3.00 | — | — | p50 ≤ 0.5 ms — **missed** |');
    expect(page).toContain('10 calls made 10.');
    const order = ['## Goals', '## Start-up', '## Delegation overhead', '## ast_search'].map((heading) =>
      page.indexOf(heading),
    );
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
