#!/usr/bin/env node
// Runs the reliability suite (apps/orchestrator/test/reliability) and rewrites docs/reliability.md
// from what its tests measured: every test records its figures as JSON in the directory named by
// TANDEM_RELIABILITY_REPORT (apps/orchestrator/test/support/reliability.ts), and this script renders
// any such file generically, so a new test needs no change here.
// `npm run reliability` or `just reliability`; `TANDEM_RELIABILITY=heavy npm run reliability` runs the
// heavier variants. Extra arguments go to vitest (e.g. a file filter); the docs are still rewritten.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const orchestrator = path.join(repo, 'apps', 'orchestrator');
const output = path.join(repo, 'docs', 'reliability.md');
const heavy = process.env.TANDEM_RELIABILITY === 'heavy';
const extra = process.argv.slice(2);

function git(...args) {
  const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

function machine() {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  return `${os.type()} ${os.release()} ${os.arch()}, ${cpus.length} × ${model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`;
}

/** A table cell: pipes and line breaks would break the Markdown table. */
function cell(value) {
  const text = typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function label(key) {
  return key.replace(/_/g, ' ');
}

function readReports(dir) {
  const reports = [];
  for (const name of readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    try {
      const report = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
      reports.push({ name: name.replace(/\.json$/, ''), ...report });
    } catch (error) {
      reports.push({ name, title: name, figures: {}, notes: [`Unreadable figures file: ${error.message}`] });
    }
  }
  return reports.sort((a, b) => String(a.title).localeCompare(String(b.title)));
}

function renderReport(report) {
  const lines = [
    `### ${report.title ?? report.name}`,
    '',
    `Test: \`test/reliability/${report.name}.test.ts\``,
    '',
  ];
  const figures = Object.entries(report.figures ?? {});
  if (figures.length > 0) {
    lines.push('| Figure | Value |', '| --- | ---: |');
    for (const [key, value] of figures) lines.push(`| ${cell(label(key))} | ${cell(value)} |`);
    lines.push('');
  }
  for (const note of report.notes ?? []) lines.push(`- ${note}`);
  if ((report.notes ?? []).length > 0) lines.push('');
  return lines.join('\n');
}

const PROPERTIES = `## What the suite proves

The suite lives in \`apps/orchestrator/test/reliability/\` and talks to the built servers the way a
client does: over stdio, through the MCP SDK's client or raw JSON-RPC lines. Each test asserts a
property and fails when it breaks (each was checked once against a deliberately broken build):

- **Fuzzed arguments and path escapes.** Every tool of both servers gets arbitrary and adversarial
  arguments (fast-check): no crash, no hang, every failure an \`isError\` result with a message. Paths
  that try to leave the workspace root (\`..\`, absolute paths, symlinks, NUL bytes, odd Unicode)
  read and write nothing outside it.
- **No shell interpretation.** A corpus of shell payloads (\`;\`, \`&&\`, \`|\`, \`$()\`, backticks,
  \`\${IFS}\`, newlines, redirections, globs, option injection such as \`--upload-pack=…\`, \`-c\`,
  \`--no-verify\`, env-style \`A=b\`, quotes, NUL, Unicode lookalikes) in every argument of \`run_task\`
  (recipe name; positional, exported, interpolated and variadic arguments) and \`commit\` (message
  subject, scope and body; paths; branch): no marker file is ever created, in the workspace or
  outside it; each call is refused with a clear error or the payload arrives literally (written back
  byte for byte by the recipe, stored verbatim as the message, committed as a file of exactly that
  name, checked out as a branch of exactly that name).
- **A killed coder.** The coder is SIGKILLed at random moments while delegated calls are in flight:
  every call is answered — a result equal to the same call made with no kills, or an error saying the
  coder went away and restarts — none hangs, and the orchestrator recovers after each kill (status
  counts the restarts). Read-only calls lost to a crash are sent once more to the restarted coder,
  and so is any call whose coder died while starting (nothing of it reached the coder). A coder that
  crashes again and again with no call succeeding in between is fenced by the circuit breaker
  (5 failures in a row, 30 s cool-down), which is the point of a breaker, not a failure to recover.
- **A killed writer.** A coder applying a rewrite across a real corpus, and the orchestrator's
  \`refactor\` (the orchestrator alone, or with its coder), are SIGKILLed at random points. Promised:
  every file is byte for byte its old or its new content — never torn, never missing; temporary files
  of writes cut short are invisible to every walk (hidden files included) and removed by the next
  coder start; running the same refactor again finishes a change a kill interrupted. Not promised
  under SIGKILL: that a multi-file apply is all-or-nothing (it is for failures the process survives —
  stale files, syntax errors, failed validation, cancellation — where the refactor restores its
  backups); the backups live in memory and are not replayed on the next start, since that could
  overwrite edits made after the crash. \`git status\` shows what was written.
- **Parallel calls.** Hundreds of calls to both servers in flight at once over four connections:
  every one answered, ids matched by the client, each output equal to the same call made alone.
- **Malformed frames.** Invalid JSON, non-JSON-RPC JSON, wrong versions, missing or unknown methods,
  params of the wrong type, split and packed lines, CRLF, a BOM, binary junk, batches and an over-long
  line on stdin: each is answered with the JSON-RPC error the spec requires (-32700 with id null for
  what is not JSON, -32600 for an invalid request with its id when one can be read, -32601 for an
  unknown method), and the server keeps serving.

## How to run it

- \`npm test\` runs the normal variants with every other test (bounded: a few minutes on two cores).
- \`npm run reliability\` (or \`just reliability\`) runs only the reliability suite and rewrites this page
  from its figures; arguments after \`--\` go to vitest (e.g. a file name filter).
- \`TANDEM_RELIABILITY=heavy npm run reliability\` runs the heavier variants (more cases, kills and
  calls) and rewrites this page with their figures.
`;

function render({ reports, command, durationS, failed }) {
  const header = [
    '# Reliability',
    '',
    '<!-- Generated by scripts/reliability-report.mjs from a real run; do not edit by hand. -->',
    '',
    'Figures measured by the reliability suite in one run; rerun it to refresh them.',
    '',
    '| | |',
    '| --- | --- |',
    `| Command | \`${command}\` |`,
    `| Variant | ${heavy ? 'heavy (TANDEM_RELIABILITY=heavy)' : 'normal (the one `npm test` runs)'} |`,
    `| Date | ${new Date().toISOString()} |`,
    `| Machine | ${cell(machine())} |`,
    `| Node | ${process.version} |`,
    `| Commit | \`${git('rev-parse', '--short', 'HEAD')}\`${git('status', '--porcelain', '--', '.', ':!docs/reliability.md') === '' ? '' : ' (with uncommitted changes)'} |`,
    `| Duration | ${durationS} s |`,
    `| Result | ${failed ? 'some tests FAILED (see the run output)' : 'all tests passed'} |`,
    '',
  ];
  const sections = reports.length
    ? reports.map(renderReport)
    : ['No figures were recorded: the suite did not run any reliability test.\n'];
  return `${[...header, PROPERTIES, '## Figures', '', ...sections].join('\n').trimEnd()}\n`;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-reliability-'));
const vitestArgs = ['vitest', 'run', 'test/reliability', ...extra];
const command = `${heavy ? 'TANDEM_RELIABILITY=heavy ' : ''}npm run reliability`;
const started = performance.now();
const run = spawnSync('npx', vitestArgs, {
  cwd: orchestrator,
  stdio: 'inherit',
  env: { ...process.env, TANDEM_RELIABILITY_REPORT: dir },
});
const durationS = Math.round((performance.now() - started) / 100) / 10;
const failed = run.status !== 0;
try {
  const reports = readReports(dir);
  writeFileSync(output, render({ reports, command, durationS, failed }));
  console.error(
    `reliability: ${reports.length} reports rendered to ${path.relative(repo, output)} in ${durationS} s`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(run.status ?? 1);
