// docs/benchmarks.md in one piece from one run's results: a header (date, command, machine, load,
// versions, corpora), a summary of the goals, then a section per measurement with its tables. Ratios
// and met/missed are computed here from the numbers; the prose around the tables is fixed text that
// describes the method and never quotes a figure, so a new run cannot contradict it. Figures from
// earlier runs and their analysis live in docs/performance-notes.md, kept by hand.

/** Milliseconds or megabytes with as many decimals as their size deserves. */
export function formatNumber(value) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  const size = Math.abs(value);
  if (size < 10) return value.toFixed(2);
  if (size < 100) return value.toFixed(1);
  return value.toFixed(0);
}

function findRow(table, key) {
  return table.rows.find((row) => (row.key ?? row.label) === key);
}

/** The row's median over its baseline's median, when it names one that was measured. */
export function ratioOf(row, table) {
  if (!row.ratio) return undefined;
  const baseline = findRow(table, row.ratio.to);
  if (!baseline?.stats?.median || row.stats?.median === undefined) return undefined;
  return row.stats.median / baseline.stats.median;
}

/**
 * A row's goal checked against its numbers: `{ ratio }` (median ÷ baseline median at most that),
 * `{ max }` (median at most that, in the table's unit) or `{ p50 }` (p50 at most that).
 * Returns { text, met } or undefined for a row without a goal; met is undefined when unmeasured.
 */
export function evaluateGoal(row, table) {
  const goal = row.goal;
  if (!goal) return undefined;
  const unit = table.unit ?? 'ms';
  if (goal.ratio !== undefined) {
    const ratio = ratioOf(row, table);
    return {
      text: `≤ ${goal.ratio}× ${row.ratio?.name ?? ''}`.trim(),
      measured: ratio === undefined ? '—' : `${ratio.toFixed(2)}×`,
      met: ratio === undefined ? undefined : ratio <= goal.ratio,
    };
  }
  if (goal.max !== undefined) {
    const value = row.stats?.median;
    return {
      text: `median ≤ ${goal.max} ${unit}`,
      measured: `${formatNumber(value)} ${unit}`,
      met: value === undefined ? undefined : value <= goal.max,
    };
  }
  if (goal.p50 !== undefined) {
    const value = row.stats?.p50;
    return {
      text: `p50 ≤ ${goal.p50} ${unit}`,
      measured: `${formatNumber(value)} ${unit}`,
      met: value === undefined ? undefined : value <= goal.p50,
    };
  }
  throw new Error(`row ${row.label} has a goal of no known kind: ${JSON.stringify(goal)}`);
}

function verdict(met) {
  if (met === undefined) return 'not measured';
  return met ? 'met' : '**missed**';
}

function goalCell(row, table) {
  const goal = evaluateGoal(row, table);
  return goal ? `${goal.text} — ${verdict(goal.met)}` : '';
}

function escapeCell(text) {
  return String(text).replaceAll('|', '\\|');
}

function renderTable(table) {
  const unit = table.unit ?? 'ms';
  const lines = [];
  if (table.caption) lines.push(table.caption, '');
  if (table.kind === 'percentiles') {
    lines.push(
      `| measurement | p50 (${unit}) | p90 | p99 | min | max | goal |`,
      '|---|---:|---:|---:|---:|---:|---|',
    );
    for (const row of table.rows) {
      const s = row.stats ?? {};
      lines.push(
        `| ${escapeCell(row.label)} | ${[s.p50, s.p90, s.p99, s.min, s.max].map(formatNumber).join(' | ')} | ${goalCell(row, table)} |`,
      );
    }
  } else {
    // A table without ratios or goals (peak memory) leaves those columns out.
    const compared = table.rows.some((row) => row.ratio || row.goal);
    if (compared)
      lines.push(
        `| measurement | median (${unit}) | min | max | ratio | goal |`,
        '|---|---:|---:|---:|---:|---|',
      );
    else lines.push(`| measurement | median (${unit}) | min | max |`, '|---|---:|---:|---:|');
    for (const row of table.rows) {
      const s = row.stats ?? {};
      const cells = [escapeCell(row.label), ...[s.median, s.min, s.max].map(formatNumber)];
      if (compared) {
        const ratio = ratioOf(row, table);
        cells.push(ratio === undefined ? '' : `${ratio.toFixed(2)}× ${row.ratio.name}`, goalCell(row, table));
      }
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

const SHORT_TITLES = {
  startup: 'start-up',
  delegation: 'delegation',
  'ast-search': 'ast_search, ast_rewrite',
  context: 'get_codebase_context',
};

/** Every row with a goal, for the summary at the top. */
export function goalsOf(sections) {
  const goals = [];
  for (const section of sections) {
    for (const table of section.tables) {
      for (const row of table.rows) {
        const goal = evaluateGoal(row, table);
        if (goal)
          goals.push({
            section: SHORT_TITLES[section.id] ?? section.title,
            where: table.short ?? '',
            row: row.label,
            ...goal,
          });
      }
    }
  }
  return goals;
}

const PROSE = {
  startup: `Each server is spawned over stdio by the MCP SDK client, as a client does, and timed from the
spawn until its answer to \`initialize\` arrives; then its first \`tools/list\` (which builds the tools'
JSON Schemas, done on first use rather than at start-up). For the orchestrator also its first
\`status\`, which starts its coder (the coder's own spawn → \`initialize\` and \`tools/list\`), and a
repeated \`status\` (a ping round trip over stdio). The workspace is \`examples/sample-repo\`. Goal from
issue 7: each server answers \`initialize\` within 300 ms of being spawned. With \`BENCH_COMPARE=<another
built checkout>\`, that checkout's servers are spawned in the same loop (the "BENCH_COMPARE" rows), so
both meet the same load.`,
  delegation: `What an agent pays for calling a coder tool through the orchestrator rather than the coder
itself. The workspace is a copy of node-gyp's \`gyp/pylib\`; the search is an \`ast_search\` pattern that
matches nothing (its word occurs in no file, so the coder's own work is a walk and a stat per file and
what differs between the two paths is the delegation). Goal from issue 8: at most 0.5 ms added at p50.

- **(a) End to end**, over stdio as a client meets both servers: the built orchestrator's
  \`code_search\` against \`ast_search\` with the same arguments sent to a coder spawned by the bench on
  the same directory. With no matches, \`code_search\` makes exactly one delegated \`ast_search\` and no
  symbol lookups; the bench counts both tools in the audit logs after the run and stops if the counts
  differ (the line under the tables). The two calls alternate, the order flipping every pair, after a
  warm-up of 50 pairs. This includes everything the extra hop costs: the orchestrator's seam
  (argument check, policy, audit record), its coder client, and a second JSON-RPC round trip over
  pipes between two processes.
- **(b) The delegation layer alone**, in the bench's own process: \`delegate()\` of the built
  \`apps/orchestrator/dist/coder-client\` (the function every delegating tool calls) against a real
  coder, alternating with the same \`ast_search\` sent straight through the MCP client that its
  CoderClient holds — the same connection and coder process, so the difference is only what
  \`delegate()\` and \`CoderClient.call\` add: the argument and result checks against the shared
  schemas, the caller's identity in \`_meta\`, progress and cancellation wiring.

Added latency is given two ways: the difference of the two distributions' percentiles (p50 − p50,
p99 − p99), which the goal is checked on, and the percentiles of the pairwise differences (each
orchestrator call minus the direct call next to it). On a loaded machine single calls vary by
much more than the difference; the p99 rows are mostly that noise.`,
  'ast-search': `The corpora are copied into a temporary directory and, in each run, the CLI and our server
alternate on the same files, so they share the machine's load:

- the CLI's wall time, process spawn to exit: \`ast-grep run -p P -l L --json=compact <dir>\` for a
  search, \`ast-grep run -p P -r R -l L <dir>\` (prints the diff, writes nothing) for a rewrite;
- a fresh coder spawned over stdio by the MCP SDK client: spawn → \`initialize\` answered, then the
  first \`ast_search\` (default \`limit\` 50; the total is still exact, the whole scope is scanned) —
  reported as the sum and as the call alone;
- the same \`ast_search\` again in that server (files and trees cached);
- the first \`ast_search\` of another fresh coder left idle for 3 s after \`initialize\` (its background
  warm-up has parsed the workspace by then, as it has before an agent's first search);
- a dry-run \`ast_rewrite\` as the first call of another fresh server, and repeated in it.

Ratio = our median ÷ the CLI's median in the same run. Goals from the coder issue: first search
(spawn included) ≤ 1.2× the CLI, repeated search ≤ 0.33× (3× faster), dry-run rewrite ≤ 1.5× as a
first call and repeated. A rewrite also re-parses every rewritten file and counts its syntax errors
before it offers the change, which the CLI does not. Compare runs only at similar load: the CLI
parses on every core and slows down more than our server when the machine is busy.`,
  context: `A copy of three's \`src/\` in a temporary directory; in each run the CLI and the server alternate:

- the CLI, spawn to exit: \`node_modules/.bin/repomix\` of @tandem/orchestrator (the same repomix the
  server imports), with the same selection as ours (\`.gitignore\` and Repomix's defaults, \`.tandem/\`
  left out, no git sorting) and its secret check on, as ours;
- the **built orchestrator over stdio** (the MCP SDK client; not the in-process packer), started with
  no kept packs: spawn → \`initialize\`, then the first \`get_codebase_context\` — reported as the sum and
  as the call alone ("cold": it imports Repomix, searches, packs, hashes, fits, keeps the pack);
- the first call of another fresh server left idle for 3 s after \`initialize\`: its background
  warm-up (started by the client's \`initialized\`) has imported Repomix and the tokenizer by then, as
  it has before an agent's first call;
- in that running server, one file changed and the same call again (a cache miss: a new pack);
- then the same call once more, nothing changed (the warm repeat, served from the cache).

Two budgets: one the full pack fits — the CLI's work plus sending the whole pack back over stdio —
and the default 30,000 tokens, where the pack is then fitted to the budget. Both sides share
Repomix's token-count cache in the OS temp directory, as any two runs on one machine do. Goals from
the orchestrator issue: cold ≤ 1.0× the CLI, warm repeat ≤ 0.2× cold.`,
  memory: `The peak resident set (\`VmHWM\` in \`/proc/<pid>/status\`) of each server process, read just before
the bench closes it, after its largest calls: the coders of the ast_search and ast_rewrite runs and
the orchestrators of the get_codebase_context runs above, one reading per run. Linux only (elsewhere
the section stays empty). The CLIs' peaks are not measured: they exit before their \`/proc\` entry
can be read, and Node's resource usage does not cover child processes.`,
};

const ORDER = ['startup', 'delegation', 'ast-search', 'context', 'memory'];

function renderHeader(header) {
  const versions = Object.entries(header.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const load = (values) => values.map((value) => value.toFixed(2)).join(' / ');
  const runs = Object.entries(header.runs)
    .map(([section, count]) => `${section} ${count}`)
    .join(', ');
  return [
    '# Benchmarks',
    '',
    '<!-- Generated by `npm run bench` (bench/run.mjs → bench/render.mjs); edits here are overwritten. -->',
    '',
    `Generated by \`${header.command}\` on ${header.date}, in ${Math.round(header.durationS)} s.`,
    'Every figure below comes from that one run; the analysis of earlier runs, where the time goes',
    'and what was tried is in [performance-notes.md](performance-notes.md).',
    '',
    `- **Machine:** ${header.machine.cpu}, ${header.machine.cores} cores, ${header.machine.memoryGb} GB; ${header.machine.os}`,
    `- **Load average (1 / 5 / 15 min):** ${load(header.load.before)} before, ${load(header.load.after)} after`,
    `- **Versions:** ${versions}`,
    `- **Corpora** (fetched by the bench, pinned by version and integrity in bench/corpora.mjs): ${header.corpora.join(', ')}`,
    `- **Runs per measurement:** ${runs}`,
    '',
    '`npm run bench` (or `just bench`) runs everything and rewrites this page. `BENCH_RUNS=N` sets the',
    'runs of every part (start-up at least 15), `BENCH_CALLS=N` the delegation calls; `--only',
    'startup,delegation,ast-search,context` or `--startup` runs a part and prints the page instead of',
    'writing it (`BENCH_OUT=<file>` writes it there, `--no-write` prints a full run). Each run keeps its',
    'results in bench/.results/latest.json; `node bench/run.mjs --from <that file>` renders the page from',
    'them again without measuring. Medians with min and max unless a table says otherwise; ratios are of',
    'medians measured side by side in the same run.',
  ].join('\n');
}

function renderGoals(sections) {
  const goals = goalsOf(sections);
  if (goals.length === 0) return '';
  const lines = [
    '## Goals',
    '',
    '| section | where | measurement | measured | goal | |',
    '|---|---|---|---:|---|---|',
  ];
  for (const goal of goals)
    lines.push(
      `| ${goal.section} | ${escapeCell(goal.where)} | ${escapeCell(goal.row)} | ${goal.measured} | ${goal.text} | ${verdict(goal.met)} |`,
    );
  return lines.join('\n');
}

/** The whole page from `{ header, sections }`; sections are rendered in a fixed order. */
export function renderPage({ header, sections }) {
  const ordered = [...sections].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const parts = [renderHeader(header), renderGoals(ordered)];
  for (const section of ordered) {
    const body = [`## ${section.title}`, ''];
    if (PROSE[section.id]) body.push(PROSE[section.id], '');
    if (section.corpora?.length) body.push(`Corpora: ${section.corpora.join(', ')}.`, '');
    for (const table of section.tables) body.push(renderTable(table), '');
    for (const fact of section.facts ?? []) body.push(`${fact}.`, '');
    if (section.tables.length === 0) body.push('Nothing measured in this run.', '');
    parts.push(body.join('\n').trimEnd());
  }
  return `${parts.filter(Boolean).join('\n\n')}\n`;
}
