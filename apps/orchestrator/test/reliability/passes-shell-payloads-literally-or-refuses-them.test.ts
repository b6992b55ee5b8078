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
  run_task_arguments_literal: 0,
  run_task_calls_refused: 0,
  commit_calls: 0,
  commit_calls_literal: 0,
  commit_calls_refused: 0,
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
      'Positions: run_task recipe name, positional ($1 … $n), exported ($p1 … $pn), interpolated ({{value}}) and variadic ($@) arguments; commit message subject, scope and body, paths, branch. The positional, exported and variadic recipes take the whole corpus in one run, one parameter per payload.',
      heavy
        ? 'Heavy run: every payload, in its workspace-marking and outside-marking form, in every position.'
        : 'Normal run: each payload shape once (alternately marking the workspace or a directory outside it); every run_task position and the commit message get all of them (three to a message: scope, subject, body), commit paths and branches half each.',
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
  /** What no recipe can take (option-looking values, NUL) is refused whatever the recipe does. */
  let accepted: string[];

  /**
   * One recipe per argument style (positional as "${10}": "$10" is "$1" and a 0); the ones that take every payload at once have a parameter per
   * payload, so one run checks them all (a run costs a just and a shell process).
   */
  function justfile(count: number): string {
    const names = Array.from({ length: count }, (_, index) => `p${index + 1}`);
    return [
      'set positional-arguments',
      recipe('agent-one value:', 'printf "%s" "$1" > one.out'),
      recipe(
        `agent-positional ${names.join(' ')}:`,
        `printf '%s\\0' ${names.map((_, i) => `"\${${i + 1}}"`).join(' ')} > positional.out`,
      ),
      recipe(
        `agent-exported ${names.map((name) => `$${name}`).join(' ')}:`,
        `printf '%s\\0' ${names.map((name) => `"$${name}"`).join(' ')} > exported.out`,
      ),
      recipe('agent-interpolated value:', "printf '%s' {{value}} > interpolated.out"),
      recipe('agent-variadic *values:', 'printf "%s\\0" "$@" > variadic.out'),
    ].join('\n');
  }

  beforeAll(async () => {
    accepted = payloads().filter((payload) => !alwaysRefused(payload));
    root = await makeWorkspace('injection-run-task', { justfile: justfile(accepted.length) });
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
      figures.run_task_calls_refused += 1;
      expect(markers(root), JSON.stringify(payload)).toEqual([]);
    }
  });

  it('refuses option-looking and NUL-carrying arguments before anything runs', async () => {
    for (const payload of payloads().filter(alwaysRefused)) {
      const reply = await run({ recipe: 'agent-one', args: [payload] });
      expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
      figures.run_task_calls_refused += 1;
    }
    expect(markers(root)).toEqual([]);
  });

  it.each([
    ['positional ("$1" … "$n")', 'agent-positional', 'positional.out'],
    ['exported ("$p1" … "$pn")', 'agent-exported', 'exported.out'],
    ['variadic ("$@")', 'agent-variadic', 'variadic.out'],
  ])('passes every accepted payload as %s arguments, byte for byte', async (_kind, name, out) => {
    const reply = await run({ recipe: name, args: accepted });
    expect(reply.isError, reply.text).toBe(false);
    expect(reply.structured.exit_code, reply.text).toBe(0);
    expect(await readFile(path.join(root, out), 'utf8')).toBe(accepted.map((arg) => `${arg}\0`).join(''));
    figures.run_task_arguments_literal += accepted.length;
    expect(markers(root)).toEqual([]);
  });

  it('passes a payload to a recipe that interpolates it literally, or refuses it', async () => {
    for (const payload of payloads()) {
      const out = path.join(root, 'interpolated.out');
      await rm(out, { force: true });
      const reply = await run({ recipe: 'agent-interpolated', args: [payload] });
      expect(markers(root), JSON.stringify(payload)).toEqual([]);
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.run_task_calls_refused += 1;
        continue;
      }
      expect(reply.structured.exit_code, `${JSON.stringify(payload)}: ${reply.text}`).toBe(0);
      expect(await readFile(out, 'utf8'), JSON.stringify(payload)).toBe(payload);
      figures.run_task_arguments_literal += 1;
    }
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
   * paths and branches take every other payload each (halves); TANDEM_RELIABILITY=heavy sends every
   * payload to every position.
   */
  const commitPayloads = (half: 0 | 1) =>
    heavy ? payloads() : payloads().filter((_, index) => index % 2 === half);

  const commit = async (args: Record<string, unknown>) => {
    figures.commit_calls += 1;
    return callCommit(orchestrator, 'commit', args);
  };

  it('stores payloads in the subject, scope and body verbatim or refuses the message', async () => {
    // Heavy: each payload in all three places; normal: three payloads per message, one in each.
    const all = payloads();
    const groups = heavy
      ? all.map((payload) => [payload, payload, payload])
      : Array.from({ length: Math.ceil(all.length / 3) }, (_, index) =>
          [0, 1, 2].map((offset) => all[(index * 3 + offset) % all.length] as string),
        );
    for (const [scope, subject, body] of groups as Array<[string, string, string]>) {
      const label = JSON.stringify([scope, subject, body]);
      const file = await change();
      const message = `fix(${scope}): ${subject}\n\n${body}\n`;
      const reply = await commit({ message, files: [file] });
      expect(markers(repo.dir), label).toEqual([]);
      if (reply.isError) {
        expect(refusedClearly(reply), label).toBe(true);
        figures.commit_calls_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      const { sha } = commitOutput.parse(reply.structured);
      expect(gitIn(repo.dir, 'log', '-1', '--format=%B', sha), label).toBe(`${message}\n`);
      figures.commit_calls_literal += 1;
    }
  });

  it('commits a payload-named file as exactly that file, or refuses the path', async () => {
    await mkdir(path.join(repo.dir, 'lit'), { recursive: true });
    for (const payload of commitPayloads(0)) {
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
        figures.commit_calls_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      const result = commitOutput.parse(reply.structured);
      expect(
        result.files.map((entry) => entry.path),
        JSON.stringify(payload),
      ).toEqual([relative]);
      expect(gitIn(repo.dir, 'show', `${result.sha}:${relative}`)).toBe('literal\n');
      figures.commit_calls_literal += 1;
    }
  });

  it('checks out a payload as a branch of exactly that name, or refuses it', async () => {
    const main = gitIn(repo.dir, 'rev-parse', 'main').trim();
    for (const payload of commitPayloads(1)) {
      gitIn(repo.dir, 'switch', '-q', '-f', 'main');
      const file = await change();
      const reply = await commit({ message: 'feat: branch', files: [file], branch: payload });
      expect(markers(repo.dir), JSON.stringify(payload)).toEqual([]);
      expect(gitIn(repo.dir, 'rev-parse', 'main').trim(), `${JSON.stringify(payload)}: ${reply.text}`).toBe(
        main,
      );
      if (reply.isError) {
        expect(refusedClearly(reply), JSON.stringify(payload)).toBe(true);
        figures.commit_calls_refused += 1;
        gitIn(repo.dir, 'reset', '-q');
        continue;
      }
      expect(commitOutput.parse(reply.structured).branch).toBe(payload);
      expect(gitIn(repo.dir, 'symbolic-ref', '--short', 'HEAD').trim(), JSON.stringify(payload)).toBe(
        payload,
      );
      figures.commit_calls_literal += 1;
    }
    gitIn(repo.dir, 'switch', '-q', '-f', 'main');
    // Branches were only ever created from HEAD: main itself never moved.
    expect(gitIn(repo.dir, 'rev-parse', 'main').trim()).toBe(main);
  });
});
