// `tandem audit` flags → what to read and how to print it. Every bad flag is a UsageError.
import { statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CALL_OUTCOMES, type CallOutcome } from '@tandem/shared';
import { UsageError } from '../cli-io.js';
import { type AuditQuery, globToRegExp, parseTimeBound } from './audit-query.js';

export const AUDIT_USAGE = `Usage: tandem audit [options]

Reads the audit log of a workspace (<root>/.tandem/audit/, rotated files in order) and prints the
matching tool calls, oldest first.

Filters (repeat a flag, or separate values with commas, to accept any of them):
  --tool <name>        tool name; * matches any characters (ast_*)
  --identity <name>    caller: the subject, or the user a delegated call was made for
  --server <name>      tandem-coder, tandem-orchestrator
  --outcome <outcome>  ${CALL_OUTCOMES.join(', ')}
  --since <time>       from this time on: ISO 8601 (2025-06-01, 2025-06-01T12:00:00Z)
                       or a duration before now (90s, 15m, 1h, 2d, 1w)
  --until <time>       before this time, the same forms

Output:
  --tail <n>           only the last n matching calls
  --follow, -f         keep printing calls as they are recorded (the last 10 first, unless --tail)
  --stats              calls, errors, p50 and p95 duration per tool instead of the calls
  --json               records as JSON lines; with --stats, the summary as JSON

  --root <dir>         workspace root (default: the current directory)
  --help               show this help
`;

export interface AuditOptions {
  root: string;
  query: AuditQuery;
  tail?: number;
  follow: boolean;
  stats: boolean;
  json: boolean;
  help: boolean;
}

function listOf(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function timeBound(flag: string, value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const at = parseTimeBound(value, now);
  if (at === undefined) {
    throw new UsageError(
      `--${flag} ${JSON.stringify(value)} is neither an ISO 8601 time (2025-06-01T12:00:00Z) nor a duration (15m, 1h, 2d).`,
    );
  }
  return at;
}

export function parseAuditArgs(argv: string[], cwd: string, now: number): AuditOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        tool: { type: 'string', multiple: true },
        identity: { type: 'string', multiple: true },
        server: { type: 'string', multiple: true },
        outcome: { type: 'string', multiple: true },
        since: { type: 'string' },
        until: { type: 'string' },
        tail: { type: 'string' },
        follow: { type: 'boolean', short: 'f' },
        stats: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // node's messages name the flag: "Unknown option '--tools'", "Option '--tail <value>' argument missing".
    throw new UsageError((error as Error).message);
  }
  const outcomes = listOf(values.outcome as string[] | undefined);
  for (const outcome of outcomes) {
    if (!CALL_OUTCOMES.includes(outcome as CallOutcome))
      throw new UsageError(`--outcome ${JSON.stringify(outcome)} is not one of ${CALL_OUTCOMES.join(', ')}.`);
  }
  let tail: number | undefined;
  if (values.tail !== undefined) {
    tail = Number(values.tail);
    if (!/^\d+$/.test(String(values.tail)) || !Number.isSafeInteger(tail) || tail < 1)
      throw new UsageError(
        `--tail ${JSON.stringify(values.tail)} must be a whole number of calls, 1 or more.`,
      );
  }
  const since = timeBound('since', values.since as string | undefined, now);
  const until = timeBound('until', values.until as string | undefined, now);
  if (since !== undefined && until !== undefined && since >= until)
    throw new UsageError('--since must be earlier than --until.');
  if (values.stats && values.follow) throw new UsageError('--stats and --follow do not go together.');
  if (values.stats && tail !== undefined)
    throw new UsageError('--stats summarizes every match; drop --tail.');

  const root = path.resolve(cwd, (values.root as string | undefined) ?? '.');
  if (values.root !== undefined) {
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new UsageError(`--root ${root} is not a directory.`);
  }
  return {
    root,
    query: {
      tools: listOf(values.tool as string[] | undefined).map(globToRegExp),
      identities: listOf(values.identity as string[] | undefined),
      servers: listOf(values.server as string[] | undefined),
      outcomes: outcomes as CallOutcome[],
      ...(since === undefined ? {} : { since }),
      ...(until === undefined ? {} : { until }),
    },
    ...(tail === undefined ? {} : { tail }),
    follow: values.follow === true,
    stats: values.stats === true,
    json: values.json === true,
    help: values.help === true,
  };
}
