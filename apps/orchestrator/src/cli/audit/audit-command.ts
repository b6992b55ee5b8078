// `tandem audit`: filters, tails, follows and summarizes the audit log the servers write.
import path from 'node:path';
import {
  AUDIT_FILE,
  type AuditReadStats,
  type AuditRecord,
  auditDirOf,
  listAuditFiles,
  readAuditRecords,
  stateDir,
} from '@tandem/shared';
import { type CliIo, type Command, UsageError } from '../cli-io.js';
import { matchesQuery } from './audit-query.js';
import { StatsCollector } from './audit-stats.js';
import { AuditFollower, pause } from './follow-audit.js';
import { formatRecord, formatStats } from './format-audit.js';
import { AUDIT_USAGE, type AuditOptions, parseAuditArgs } from './parse-audit-args.js';

/** Records shown before following, when --tail does not say. */
const FOLLOW_BACKLOG = 10;
const FOLLOW_POLL_MS = 250;

export const auditCommand: Command = async (argv, io) => {
  let options: AuditOptions;
  try {
    options = parseAuditArgs(argv, io.cwd, io.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tandem audit: ${error.message}`);
    io.err('Run tandem audit --help for usage.');
    return 2;
  }
  if (options.help) {
    io.out(AUDIT_USAGE.trimEnd());
    return 0;
  }

  const dir = auditDirOf(stateDir(options.root));
  const current = path.join(dir, AUDIT_FILE);
  const files = await listAuditFiles(dir);
  const readStats: AuditReadStats = { badLines: 0 };
  const print = (record: AuditRecord) => io.out(options.json ? JSON.stringify(record) : formatRecord(record));

  if (files.length === 0 && !options.follow) {
    io.err(`No audit log in ${dir} yet: the servers record every tool call there.`);
    if (options.stats) printStats(io, options, new StatsCollector());
    return 0;
  }

  if (options.stats) {
    const collector = new StatsCollector();
    for await (const record of readAuditRecords(files, readStats))
      if (matchesQuery(record, options.query)) collector.add(record);
    printStats(io, options, collector);
    reportBadLines(io, readStats);
    return 0;
  }

  const tail = options.tail ?? (options.follow ? FOLLOW_BACKLOG : undefined);
  const kept: AuditRecord[] = [];
  const take = (record: AuditRecord) => {
    if (!matchesQuery(record, options.query)) return;
    if (tail === undefined) return print(record);
    kept.push(record);
    if (kept.length > tail) kept.shift();
  };

  if (!options.follow) {
    for await (const record of readAuditRecords(files, readStats)) take(record);
    for (const record of kept) print(record);
    reportBadLines(io, readStats);
    return 0;
  }

  // Following: the rotated files are read once; the current one through the follower, which then
  // keeps reading it as it grows.
  const follower = new AuditFollower(current, readStats);
  try {
    for await (const record of readAuditRecords(
      files.filter((file) => file !== current),
      readStats,
    ))
      take(record);
    for (const record of await follower.read()) take(record);
    for (const record of kept) print(record);
    while (!io.signal.aborted) {
      await pause(FOLLOW_POLL_MS, io.signal);
      for (const record of await follower.read()) if (matchesQuery(record, options.query)) print(record);
    }
  } finally {
    await follower.close();
  }
  reportBadLines(io, readStats);
  return 0;
};

function printStats(io: CliIo, options: AuditOptions, collector: StatsCollector): void {
  const stats = collector.result();
  io.out(options.json ? JSON.stringify(stats) : formatStats(stats));
}

function reportBadLines(io: CliIo, stats: AuditReadStats): void {
  if (stats.badLines > 0)
    io.err(`skipped ${stats.badLines} unreadable line${stats.badLines === 1 ? '' : 's'} (not audit records)`);
}
