// A corpus of shell payloads in every argument of run_task and commit: recipe names, positional,
// exported, interpolated and variadic recipe arguments; the commit message's subject, scope and body,
// the paths to stage, the branch. Nothing is ever interpreted by a shell or taken as an option: no
// marker file appears (in the workspace or in a directory outside it), and every call is either
// refused with a clear isError or the payload arrives literally — echoed back byte for byte by the
// recipe, stored verbatim as the commit message, committed as a file of exactly that name, checked
// out as a branch of exactly that name. Extends run-task-passes-arguments-literally and
// treats-commit-arguments-literally from a few values to a corpus.
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { commitOutput } from '@tandem/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool as callCommit } from '../support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from '../support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from '../support/orchestrator.js';
import { heavy, recordFigures } from '../support/reliability.js';
import { callTool, makeWorkspace, recipe, removeWorkspace } from '../support/tasks.js';

let outside: string;

/** Shell payloads around a command; each one would leave a marker file if a shell ran it. */
function corpus(command: string): string[] {
  const [verb, target] = command.split(' ') as [string, string];
  return [
    `; ${command}`,
    `x; ${command}`,
    `&& ${command}`,
    `|| ${command}`,
    `| ${command}`,
    `& ${command}`,
    `$(${command})`,
    `\`${command}\``,
    `x;${verb}\${IFS}${target}`,
    `$(${verb}$IFS${target})`,
    `x\n${command}`,
    `x\r\n${command}`,
    `> ${target}`,
    `x >> ${target}`,
    `x 2>${target}`,
    `<(${command})`,
    `>(${command})`,
    `x # ; ${command}`,
    `'; ${command}; '`,
    `"; ${command}; "`,
    `\\"; ${command}; echo \\"`,
    `x\u0000; ${command}`,
    `；${command}`, // fullwidth semicolon
    `｜${command}`, // fullwidth vertical bar
    `＄(${command})`, // fullwidth dollar
    `‐‐exec=${command}`, // Unicode hyphens
    `$'\\x3b' ${command}`,
    `--exec=${command}`,
    `--upload-pack=${command}`,
    `--output=${target}`,
    `-c core.pager=${command}`,
    `-c`,
    `-n`,
    `--no-verify`,
    `--help`,
    `-e`,
    `A=b`,
    `PATH=/nonexistent`,
    `GIT_DIR=${target}`,
    `*`,
    `?`,
    `[a-z]*`,
    `~`,
    `{a,b}`,
    `$((6*7))`,
    `$HOME`,
    `!!`,
    `%s%n%x`,
    ` ${command} `,
  ];
}

/**
 * Each payload marking the workspace (relative) and a directory outside it (absolute): both variants
 * under TANDEM_RELIABILITY=heavy, alternating between them in the normal suite (every shape once).
 */
function payloads(): string[] {
  const inside = corpus('touch pwned');
  const beyond = corpus(`touch ${outside}/pwned`);
  if (heavy) return [...inside, ...beyond];
  return inside.map((payload, index) => (index % 2 === 0 ? payload : (beyond[index] as string)));
}

/** What run_task refuses whatever the recipe does: values that look like options, NUL bytes. */
const alwaysRefused = (payload: string) => payload.startsWith('-') || payload.includes('\u0000');

/** Marker files found: "pwned" anywhere under the workspace (not .git), or anything in `outside`. */
function markers(root: string): string[] {
  const found = readdirSync(outside).map((name) => path.join(outside, name));
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const full = path.join(dir, entry.name);
      if (entry.name === 'pwned') found.push(full);
      if (entry.isDirectory() && depth < 4) walk(full, depth + 1);
    }
  };
  walk(root, 0);
  return found;
}

const figures = {
  payloads: 0,
  run_task_calls: 0,
  run_task_literal: 0,
  run_task_refused: 0,
  commit_calls: 0,
  commit_literal: 0,
  commit_refused: 0,
  marker_files_created: 0,
};
const notes: string[] = [];

beforeAll(async () => {
  outside = await mkdtemp(path.join(os.tmpdir(), 'tandem-injection-outside-'));
  figures.payloads = payloads().length;
});

afterAll(async () => {
  recordFigures('passes-shell-payloads-literally-or-refuses-them', {
    title: 'Command-injection corpus against run_task and commit',
    figures,
    notes: [
      'Positions: run_task recipe name, positional ($1), exported ($name), interpolated ({{name}}) and variadic arguments; commit message subject, scope and body, paths, branch.',
      heavy
        ? 'Heavy run: every payload, in its workspace-marking and outside-marking form, in every position.'
        : 'Normal run: each payload shape once (alternately marking the workspace or a directory outside it); run_task positions get all of them, each commit position a third (every shape reaches one commit position).',
      'A literal pass means the recipe wrote the argument back byte for byte, git stored the message verbatim, committed a file of exactly that name, or created a branch of exactly that name.',
      ...notes,
    ],
  });
  await rm(outside, { recursive: true, force: true });
});

function refusedClearly(reply: { isError: boolean; text: string }): boolean {
  return reply.isError && reply.text.trim().length > 10;
}

describe('run_task', () => {
  let orchestrator: ConnectedOrchestrator;
  let root: string;
  const JUSTFILE = [
    'set positional-arguments',
    recipe('agent-positional value:', 'printf "%s" "$1" > positional.out'),
    recipe('agent-exported $value:', 'printf "%s" "$value" > exported.out'),
    recipe('agent-interpolated value:', "printf '%s' {{value}} > interpolated.out"),
    recipe('agent-variadic *values:', 'printf "%s\\0" "$@" > variadic.out'),
  ].join('\n');

  beforeAll(async () => {
    root = await makeWorkspace('injection-run-task', { justfile: JUSTFILE });
    orchestrator = await connectOrchestrator(root);
  });

  afterAll(async () => {
    await orchestrator?.close();
    await removeWorkspace(root);
  });

  const run = async (args: Record<string, unknown>) => {
    figures.run_task_calls += 1;
    return callTool(orchestrator.client, 'run_task', args);
  };

  it('never runs a payload given as the recipe name', async () => {
    for (const payload of payloads()) {
      const reply = await run({ recipe: payload });
      expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
      figures.run_task_refused += 1;
      expect(markers(root), JSON.stringify(payload)).toEqual([]);
    }
  });

  it.each([
    ['positional', 'agent-positional'],
    ['exported', 'agent-exported'],
    ['interpolated', 'agent-interpolated'],
  ])('passes a payload as the %s argument literally or refuses it', async (kind, name) => {
    let literal = 0;
    for (const payload of payloads()) {
      const out = path.join(root, `${kind}.out`);
      await rm(out, { force: true });
      const reply = await run({ recipe: name, args: [payload] });
      expect(markers(root), JSON.stringify(payload)).toEqual([]);
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.run_task_refused += 1;
        continue;
      }
      expect(reply.structured.exit_code, `${JSON.stringify(payload)}: ${reply.text}`).toBe(0);
      expect(await readFile(out, 'utf8'), JSON.stringify(payload)).toBe(payload);
      figures.run_task_literal += 1;
      literal += 1;
    }
    // The interpolating recipe must refuse what its shell would parse; the others take everything.
    if (kind !== 'interpolated') expect(literal).toBe(payloads().filter((p) => !alwaysRefused(p)).length);
  });

  it('passes the whole corpus to a variadic recipe as separate literal arguments', async () => {
    const args = payloads().filter((payload) => !alwaysRefused(payload));
    const reply = await run({ recipe: 'agent-variadic', args });
    expect(reply.isError, reply.text).toBe(false);
    expect(await readFile(path.join(root, 'variadic.out'), 'utf8')).toBe(
      args.map((arg) => `${arg}\0`).join(''),
    );
    figures.run_task_literal += 1;
    expect(markers(root)).toEqual([]);
  });
});

describe('commit', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;
  let counter = 0;

  beforeAll(async () => {
    repo = await makeGitRepo();
    orchestrator = await connectOrchestrator(repo.dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await repo?.remove();
  });

  /** A fresh change to commit, so every call has something staged. */
  async function change(): Promise<string> {
    counter += 1;
    const file = `src/injection-${counter}.ts`;
    await writeFile(path.join(repo.dir, file), `export const n${counter} = ${counter};\n`);
    return file;
  }

  /**
   * A commit costs a few hundred milliseconds (git, the hooks, the secret scan): in the normal suite
   * each position takes every third payload (message, paths and branch a third each), so every shape
   * reaches one of them; TANDEM_RELIABILITY=heavy sends every payload to every position.
   */
  const commitPayloads = (third: 0 | 1 | 2) =>
    heavy ? payloads() : payloads().filter((_, index) => index % 3 === third);

  const commit = async (args: Record<string, unknown>) => {
    figures.commit_calls += 1;
    return callCommit(orchestrator, 'commit', args);
  };

  it('stores a payload in the subject, scope and body verbatim or refuses the message', async () => {
    for (const payload of commitPayloads(0)) {
      const file = await change();
      const message = `fix(${payload}): ${payload}\n\n${payload}\n`;
      const reply = await commit({ message, files: [file] });
      expect(markers(repo.dir), JSON.stringify(payload)).toEqual([]);
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.commit_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      const { sha } = commitOutput.parse(reply.structured);
      expect(gitIn(repo.dir, 'log', '-1', '--format=%B', sha), JSON.stringify(payload)).toBe(`${message}\n`);
      figures.commit_literal += 1;
    }
  });

  it('commits a payload-named file as exactly that file, or refuses the path', async () => {
    await mkdir(path.join(repo.dir, 'lit'), { recursive: true });
    for (const payload of commitPayloads(1)) {
      // Where the file system allows the name, the file exists: a literal pass commits it alone.
      const creatable =
        !payload.includes('\u0000') &&
        !payload.includes('/') &&
        payload.trim() !== '' &&
        !/^\.\.?$/.test(payload);
      const relative = `lit/${payload}`;
      if (creatable) await writeFile(path.join(repo.dir, 'lit', payload), 'literal\n');
      const reply = await commit({ message: 'chore: literal path', files: [relative] });
      expect(markers(repo.dir), JSON.stringify(payload)).toEqual([]);
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.commit_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      const result = commitOutput.parse(reply.structured);
      expect(
        result.files.map((entry) => entry.path),
        JSON.stringify(payload),
      ).toEqual([relative]);
      expect(gitIn(repo.dir, 'show', `${result.sha}:${relative}`)).toBe('literal\n');
      figures.commit_literal += 1;
    }
  });

  it('checks out a payload as a branch of exactly that name, or refuses it', async () => {
    const main = gitIn(repo.dir, 'rev-parse', 'main').trim();
    for (const payload of commitPayloads(2)) {
      gitIn(repo.dir, 'switch', '-q', '-f', 'main');
      const file = await change();
      const reply = await commit({ message: 'feat: branch', files: [file], branch: payload });
      expect(markers(repo.dir), JSON.stringify(payload)).toEqual([]);
      expect(gitIn(repo.dir, 'rev-parse', 'main').trim(), `${JSON.stringify(payload)}: ${reply.text}`).toBe(
        main,
      );
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.commit_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      expect(commitOutput.parse(reply.structured).branch).toBe(payload);
      expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim(), JSON.stringify(payload)).toBe(
        payload,
      );
      figures.commit_literal += 1;
    }
    gitIn(repo.dir, 'switch', '-q', '-f', 'main');
    // Branches were only ever created from HEAD: main itself never moved.
    expect(gitIn(repo.dir, 'rev-parse', 'main').trim()).toBe(main);
  });
});
