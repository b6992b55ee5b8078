// What the reliability suite (test/reliability/) measured, for docs/reliability.md. Every test there
// records its figures; scripts/reliability-report.mjs runs the suite with TANDEM_RELIABILITY_REPORT set
// to a directory and renders what the tests wrote into it. Without that variable nothing is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** `TANDEM_RELIABILITY=heavy` runs the heavier variants (more cases, kills, calls); CI runs the normal ones. */
export const heavy = process.env.TANDEM_RELIABILITY === 'heavy';

/** The count to run: `normal` in the test suite, `heavyCount` under TANDEM_RELIABILITY=heavy. */
export function scaled(normal: number, heavyCount: number): number {
  return heavy ? heavyCount : normal;
}

export interface ReliabilityFigures {
  /** The section heading in docs/reliability.md, e.g. "Fuzzed arguments on every tool". */
  title: string;
  /** What was done and what was seen, in the order to show them: { "cases": 10240, "crashes": 0, … }. */
  figures: Record<string, number | string>;
  /** Sentences worth a reader's attention (what was found and fixed, what a figure means). */
  notes?: string[];
}

/** Records one test's figures under `name` (a file name: kebab-case, unique across the suite). */
export function recordFigures(name: string, report: ReliabilityFigures): void {
  const dir = process.env.TANDEM_RELIABILITY_REPORT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, `${name}.json`),
    `${JSON.stringify({ ...report, heavy, recorded_at: new Date().toISOString() }, null, 2)}\n`,
  );
}
