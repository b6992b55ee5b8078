// The path-escape corpus against every tool of both servers that takes a path, glob or path-like id:
// `..` in many spellings, absolute paths, symlinks from the root out (to a file and a directory) and
// from outside in, NUL bytes, odd Unicode, backslashes, `~`. Nothing outside the root is read (its
// sentinel text and secret never appear in a reply, error text included) or written (the directory
// beside the root is unchanged, entry by entry, and nothing new appears beside the root).
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  changes,
  ESCAPE_GLOBS,
  ESCAPE_SEGMENTS,
  type EscapeFixture,
  escapePaths,
  makeEscapeFixture,
  snapshot,
} from '../support/escape-corpus.js';
import {
  type CallReply,
  callOnce,
  FUZZ_SEED,
  type FuzzedServer,
  spawnServer,
} from '../support/fuzz-tools.js';
import { fuzzWorkspace } from '../support/fuzz-workspace.js';
import type { TempRepo } from '../support/git-repo.js';
import { coderMain, orchestratorMain } from '../support/paths.js';
import { recordFigures, scaled } from '../support/reliability.js';

const CEILING_MS = 120_000;
/** Matches only the sentinel file's declaration, so an escaped rewrite would change it. */
const SENTINEL_PATTERN = 'export const SENTINEL = $V';

type Args = Record<string, unknown>;
interface Probe {
  server: 'coder' | 'orchestrator';
  tool: string;
  /** The calls made for one path (`p`) or glob (`g`). */
  withPath?: (p: string) => Args[];
  withGlob?: (g: string) => Args[];
}

const PROBES: Probe[] = [
  { server: 'coder', tool: 'dump_syntax_tree', withPath: (p) => [{ path: p }, { path: p, format: 'cst' }] },
  {
    server: 'coder',
    tool: 'ast_search',
    withPath: (p) => [{ pattern: '$A', paths: [p], include_hidden: true, include_ignored: true }],
    withGlob: (g) => [{ pattern: '$A', globs: [g], include_hidden: true, include_ignored: true }],
  },
  {
    server: 'coder',
    tool: 'ast_rewrite',
    withPath: (p) => [
      { pattern: SENTINEL_PATTERN, rewrite: 'export const PWNED = 1', paths: [p] },
      {
        pattern: SENTINEL_PATTERN,
        rewrite: 'export const PWNED = 1',
        paths: [p],
        apply: true,
        include_hidden: true,
      },
    ],
    withGlob: (g) => [
      {
        pattern: SENTINEL_PATTERN,
        rewrite: 'export const PWNED = 1',
        globs: [g],
        apply: true,
        include_ignored: true,
      },
    ],
  },
  {
    server: 'coder',
    tool: 'validate_syntax',
    withPath: (p) => [{ paths: [p], include_hidden: true }],
    withGlob: (g) => [{ globs: [g], include_hidden: true, include_ignored: true }],
  },
  { server: 'coder', tool: 'lint', withPath: (p) => [{ paths: [p] }] },
  {
    server: 'coder',
    tool: 'scan_secrets',
    withPath: (p) => [{ paths: [p], include_hidden: true, include_ignored: true }],
    withGlob: (g) => [{ globs: [g], include_hidden: true, include_ignored: true }],
  },
  {
    server: 'orchestrator',
    tool: 'get_codebase_context',
    withGlob: (g) => [{ include: [g] }],
    withPath: (p) => (p.length > 0 && p.length <= 500 ? [{ include: [p] }] : []),
  },
  {
    server: 'orchestrator',
    tool: 'read_context',
    withPath: (p) => [{ output_id: p.slice(0, 100) || '.', grep: '.' }],
  },
  {
    server: 'orchestrator',
    tool: 'code_search',
    withPath: (p) => [{ pattern: '$A', paths: [p], include_hidden: true }],
    withGlob: (g) => [{ pattern: '$A', globs: [g], include_ignored: true }],
  },
  {
    server: 'orchestrator',
    tool: 'refactor',
    withPath: (p) => [
      {
        pattern: SENTINEL_PATTERN,
        rewrite: 'export const PWNED = 1',
        paths: [p],
        dry_run: false,
        validate: false,
      },
    ],
    withGlob: (g) => [
      {
        pattern: SENTINEL_PATTERN,
        rewrite: 'export const PWNED = 1',
        globs: [g],
        dry_run: false,
        validate: false,
      },
    ],
  },
  {
    server: 'orchestrator',
    tool: 'consult_specialist',
    withPath: (p) => [
      { role: 'architect', question: 'What does this file do?', files: [p.slice(0, 1000) || '.'] },
      { action: 'show_thread', thread_id: p.slice(0, 64) || '.' },
      { action: 'delete_thread', thread_id: p.slice(0, 64) || '.' },
    ],
  },
  {
    server: 'orchestrator',
    tool: 'commit',
    withPath: (p) => [
      { message: 'chore: try a path outside', files: [p || '.'] },
      { message: 'chore: try a branch outside', branch: p.slice(0, 250) || '.' },
    ],
  },
  {
    server: 'orchestrator',
    tool: 'memory',
    withPath: (p) => {
      const id = p.slice(0, 100) || '.';
      return [
        { action: 'list', id },
        { action: 'pin', id },
        { action: 'forget', id },
        { action: 'add', from_thread: id },
        { action: 'add', from_plan: id },
        {
          action: 'add',
          kind: 'decision',
          title: 't',
          context: 'c',
          decision: 'd',
          consequences: 'q',
          supersedes: id,
        },
      ];
    },
  },
  { server: 'orchestrator', tool: 'plan', withPath: (p) => [{ action: 'show', id: p.slice(0, 64) || '.' }] },
  { server: 'orchestrator', tool: 'read_backlog', withPath: (p) => [{ id: p.slice(0, 200) || '.' }] },
  { server: 'orchestrator', tool: 'list_personas', withPath: (p) => [{ id: p.slice(0, 64) || '.' }] },
];

/** Tools cheap enough for generated paths besides the corpus. */
const GENERATED_FOR = [
  'dump_syntax_tree',
  'ast_search',
  'scan_secrets',
  'code_search',
  'consult_specialist',
  'read_context',
];

let repo: TempRepo;
let fixture: EscapeFixture;
let servers: Record<Probe['server'], FuzzedServer>;
const tally = new Map<string, { calls: number; refused: number; answered: number }>();
/** Leaks seen by the current test; every test starts with none. */
let leaks: string[] = [];
let leaksSeen = 0;

beforeAll(async () => {
  repo = await fuzzWorkspace();
  fixture = makeEscapeFixture(repo.dir);
  servers = {
    coder: await spawnServer(coderMain, repo.dir),
    orchestrator: await spawnServer(orchestratorMain, repo.dir),
  };
});

afterAll(async () => {
  await servers?.coder.close();
  await servers?.orchestrator.close();
  await repo?.remove();
});

function leaked(reply: CallReply): string | undefined {
  const text = JSON.stringify(reply);
  for (const needle of [fixture.sentinel, fixture.secret, 'root:x:0:0'])
    if (text.includes(needle)) return needle;
  return undefined;
}

/** One probe call: answered (result or refusal), and nothing of outside in the reply. */
async function probe(server: Probe['server'], tool: string, args: Args): Promise<void> {
  const counts = tally.get(tool) ?? { calls: 0, refused: 0, answered: 0 };
  tally.set(tool, counts);
  const reply = await callOnce(servers[server], tool, args, CEILING_MS);
  counts.calls++;
  if (reply.kind !== 'result')
    throw new Error(`${tool} ${JSON.stringify(args)}: ${reply.kind} ${reply.text}`);
  if (reply.isError && reply.text.startsWith('Internal error:')) {
    throw new Error(`${tool} failed unexpectedly for ${JSON.stringify(args)}: ${reply.text.slice(0, 500)}`);
  }
  if (reply.isError) counts.refused++;
  else counts.answered++;
  const needle = leaked(reply);
  if (needle)
    leaks.push(
      `${tool} ${JSON.stringify(args)} returned "${needle}": ${JSON.stringify(reply).slice(0, 400)}`,
    );
  // A pack that succeeded is read back: the pack itself must hold nothing from outside either.
  const outputId =
    (reply.kind === 'result' && !reply.isError && (reply.structured as Args | undefined)?.output_id) ||
    undefined;
  if (tool === 'get_codebase_context' && typeof outputId === 'string') {
    const pack = await callOnce(
      servers.orchestrator,
      'read_context',
      { output_id: outputId, grep: '.' },
      CEILING_MS,
    );
    const inPack = leaked(pack);
    if (inPack)
      leaks.push(`get_codebase_context ${JSON.stringify(args)} packed "${inPack}" (output ${outputId})`);
  }
}

it('shows file contents in replies, so a missing sentinel means something (control)', async () => {
  const search = await callOnce(
    servers.coder,
    'ast_search',
    { pattern: '$A', paths: ['src/control.ts'] },
    CEILING_MS,
  );
  expect(JSON.stringify(search)).toContain(fixture.control);
  const consult = await callOnce(
    servers.orchestrator,
    'consult_specialist',
    { role: 'architect', question: 'What is this?', files: ['src/control.ts'] },
    CEILING_MS,
  );
  expect(JSON.stringify(consult)).toContain(fixture.control);
  // And the snapshot notices a write beside the root, so an unchanged one means something too.
  const before = snapshot(fixture.parent, repo.dir);
  const probeFile = path.join(fixture.outside, 'dir', 'probe.txt');
  writeFileSync(probeFile, 'x');
  const seen = changes(before, snapshot(fixture.parent, repo.dir));
  expect(seen).toContain(`new file ${probeFile}`);
  expect(seen.some((line) => line.startsWith(`changed ${path.join(fixture.outside, 'dir')}:`))).toBe(true);
  rmSync(probeFile);
});

for (const server of ['coder', 'orchestrator'] as const) {
  it(
    `${server}: no tool reads or writes outside the root for any path of the corpus`,
    { timeout: 600_000 },
    async () => {
      leaks = [];
      const outsideBefore = snapshot(fixture.parent, repo.dir);
      const paths = escapePaths(fixture);
      for (const { tool, withPath, withGlob } of PROBES.filter((entry) => entry.server === server)) {
        for (const p of withPath ? paths : [])
          for (const args of withPath?.(p) ?? []) await probe(server, tool, args);
        for (const g of withGlob ? ESCAPE_GLOBS : [])
          for (const args of withGlob?.(g) ?? []) await probe(server, tool, args);
        expect(
          changes(outsideBefore, snapshot(fixture.parent, repo.dir)),
          `${tool} wrote outside the root`,
        ).toEqual([]);
      }
      leaksSeen += leaks.length;
      expect(leaks).toEqual([]);
      expect(servers[server].gone()).toBeUndefined();
    },
  );
}

it(
  'no tool reads outside the root for generated climbs (fast-check over segments)',
  { timeout: 600_000 },
  async () => {
    leaks = [];
    const outsideBefore = snapshot(fixture.parent, repo.dir);
    const generated = fc
      .array(fc.constantFrom(...ESCAPE_SEGMENTS), { minLength: 1, maxLength: 6 })
      .chain((segments) => fc.constantFrom('/', '\\').map((separator) => segments.join(separator)));
    for (const tool of GENERATED_FOR) {
      const entry = PROBES.find((candidate) => candidate.tool === tool);
      if (!entry?.withPath) throw new Error(`No path probe for ${tool}.`);
      const { server, withPath } = entry;
      await fc.assert(
        fc.asyncProperty(generated, async (p) => {
          for (const args of withPath(p)) await probe(server, tool, args);
          expect(leaks).toEqual([]);
        }),
        { numRuns: scaled(40, 600), seed: FUZZ_SEED },
      );
    }
    expect(changes(outsideBefore, snapshot(fixture.parent, repo.dir))).toEqual([]);

    const all = [...tally.values()];
    const sum = (key: 'calls' | 'refused' | 'answered') =>
      all.reduce((total, counts) => total + counts[key], 0);
    recordFigures('never-reads-or-writes-outside-the-root', {
      title: 'Path escapes on every tool that takes a path',
      figures: {
        corpus_paths: escapePaths(fixture).length,
        corpus_globs: ESCAPE_GLOBS.length,
        tools: tally.size,
        calls: sum('calls'),
        refused: sum('refused'),
        answered_inside_the_root: sum('answered'),
        leaks: leaksSeen + leaks.length,
        files_written_outside: 0,
        ...Object.fromEntries(
          [...tally].map(([tool, counts]) => [
            tool,
            `${counts.calls} calls: ${counts.refused} refused, ${counts.answered} answered`,
          ]),
        ),
      },
      notes: [
        'Outside the root: a sibling directory with a unique sentinel string and a secret-shaped key in .ts and .md files; inside: symlinks to that file and directory (absolute and relative), and from outside a symlink back in.',
        'A leak is the sentinel, the key or /etc/passwd text in any reply (errors included) or in a context pack read back; a write is any new, changed or removed entry beside the root (type, size, mtime, content hash).',
        `Generated paths: fast-check joins of ${ESCAPE_SEGMENTS.length} segments with / or \\ (seed ${FUZZ_SEED}).`,
        '"answered" calls succeeded on what is inside the root (e.g. a glob that also matches inside files), or found nothing.',
      ],
    });
  },
);
