// `tandem audit --stats`: calls, errors and duration percentiles per tool.
import type { AuditRecord } from '@tandem/shared';

export interface ToolStats {
  tool: string;
  calls: number;
  /** Calls whose outcome is not `ok` (errors, refusals, timeouts, cancellations). */
  errors: number;
  p50_ms: number;
  p95_ms: number;
}

export interface AuditStats {
  tools: ToolStats[];
  total: Omit<ToolStats, 'tool'>;
}

/** Nearest-rank percentile of ascending `sorted`: the smallest value with `p`% of values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Accumulates records one at a time, so a large audit is summarized without holding its records. */
export class StatsCollector {
  private readonly byTool = new Map<string, { durations: number[]; errors: number }>();

  add(record: AuditRecord): void {
    let entry = this.byTool.get(record.tool);
    if (!entry) {
      entry = { durations: [], errors: 0 };
      this.byTool.set(record.tool, entry);
    }
    entry.durations.push(record.duration_ms);
    if (record.outcome !== 'ok') entry.errors += 1;
  }

  result(): AuditStats {
    const summarize = (durations: number[], errors: number) => {
      const sorted = [...durations].sort((a, b) => a - b);
      return {
        calls: sorted.length,
        errors,
        p50_ms: percentile(sorted, 50),
        p95_ms: percentile(sorted, 95),
      };
    };
    const tools = [...this.byTool.entries()]
      .map(([tool, { durations, errors }]) => ({ tool, ...summarize(durations, errors) }))
      .sort((a, b) => b.calls - a.calls || a.tool.localeCompare(b.tool));
    const all = [...this.byTool.values()];
    const total = summarize(
      all.flatMap((entry) => entry.durations),
      all.reduce((sum, entry) => sum + entry.errors, 0),
    );
    return { tools, total };
  }
}
