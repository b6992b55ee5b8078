// Which audit records a `tandem audit` invocation selects: by tool, identity, server, outcome and time.
import type { AuditRecord, CallOutcome } from '@tandem/shared';

export interface AuditQuery {
  tools: RegExp[];
  identities: string[];
  servers: string[];
  outcomes: CallOutcome[];
  /** Epoch milliseconds, inclusive. */
  since?: number;
  /** Epoch milliseconds, exclusive. */
  until?: number;
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A point in time from an ISO 8601 date (`2025-06-01`, `2025-06-01T12:00:00Z`) or a duration before
 * `now` (`90s`, `15m`, `1h`, `2d`, `1w`); undefined when it is neither.
 */
export function parseTimeBound(text: string, now: number): number | undefined {
  const duration = DURATION.exec(text.trim());
  if (duration) return now - Number(duration[1]) * (UNIT_MS[duration[2] as string] as number);
  if (!ISO_DATE.test(text.trim())) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

/** `ast_*` style globs: `*` is any run of characters, everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

export function matchesQuery(record: AuditRecord, query: AuditQuery): boolean {
  if (query.tools.length > 0 && !query.tools.some((tool) => tool.test(record.tool))) return false;
  if (query.servers.length > 0 && !query.servers.includes(record.server)) return false;
  if (query.outcomes.length > 0 && !query.outcomes.includes(record.outcome)) return false;
  if (query.identities.length > 0) {
    // A delegated call is made for its on_behalf_of subject: it matches both names.
    const names = [record.identity.subject, record.identity.on_behalf_of?.subject];
    if (!query.identities.some((name) => names.includes(name))) return false;
  }
  if (query.since !== undefined || query.until !== undefined) {
    const at = Date.parse(record.time);
    if (query.since !== undefined && at < query.since) return false;
    if (query.until !== undefined && at >= query.until) return false;
  }
  return true;
}
