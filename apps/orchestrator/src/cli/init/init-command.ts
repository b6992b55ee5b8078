// `tandem init [dir]`: adds Tandem to a repository. Every change is planned (and every existing file
// read and checked) before the first write, so a refusal leaves the directory as it was.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CliIo, type Command, UsageError } from '../cli-io.js';
import { configTemplate } from './config-template.js';
import { mergeGitignore } from './gitignore.js';
import { appendRecipe, findJustfile, guessChecks, hasRecipe, RECIPE, recipeText } from './justfile.js';
import { mergeMcpJson } from './mcp-json.js';
import { INIT_USAGE, type InitOptions, parseInitArgs } from './parse-init-args.js';
import { changed, InitRefusal, type PlannedFile } from './plan.js';
import { serverEntries, tandemServers } from './server-entries.js';
import { PartialWrite, unwritable, writeChanges } from './write-changes.js';

async function readOrNull(file: string, rel: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    throw new InitRefusal(`${rel}: cannot read it (${code ?? (error as Error).message}).`);
  }
}

/** The enclosing git work tree (a `.git` directory or worktree file here or above), if any. */
function gitTopLevel(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

export async function planInit(dir: string): Promise<PlannedFile[]> {
  const entries = serverEntries();
  const plans: PlannedFile[] = [];
  const plan = async (
    rel: string,
    make: (before: string | null) => Promise<{ after: string; notes: string[] }>,
  ) => {
    const file = path.join(dir, rel);
    const before = await readOrNull(file, rel);
    plans.push({ file, rel, before, ...(await make(before)) });
  };

  for (const [rel, client] of [
    ['.mcp.json', 'claude-code'],
    [path.join('.cursor', 'mcp.json'), 'cursor'],
  ] as const) {
    await plan(rel, (before) => mergeMcpJson(before, rel, tandemServers(client, entries, dir)));
  }

  await plan(path.join('.tandem', 'config.yaml'), async (before) =>
    before === null
      ? {
          after: await configTemplate(),
          notes: ['create .tandem/config.yaml: every section, commented out (the defaults)'],
        }
      : { after: before, notes: ['keep .tandem/config.yaml: it exists'] },
  );

  const justfile = findJustfile(dir);
  const justRel = justfile ? path.basename(justfile) : 'justfile';
  await plan(justRel, async (before) => {
    const checks = guessChecks(dir);
    const recipe = recipeText(checks);
    const what = checks.length > 0 ? checks.join('; ') : 'no checks found: it fails until you fill it in';
    if (before === null) return { after: recipe, notes: [`create ${justRel}: ${RECIPE} (${what})`] };
    if (await hasRecipe(path.join(dir, justRel), before, justRel))
      return { after: before, notes: [`keep ${justRel}: it has ${RECIPE}`] };
    return { after: appendRecipe(before, recipe), notes: [`update ${justRel}: add ${RECIPE} (${what})`] };
  });

  await plan('.gitignore', async (before) => mergeGitignore(before, '.gitignore'));
  return plans;
}

async function printDiffs(io: CliIo, plans: PlannedFile[]): Promise<void> {
  const { createTwoFilesPatch } = await import('diff');
  for (const plan of plans) {
    const from = plan.before === null ? '/dev/null' : `a/${plan.rel}`;
    const patch = createTwoFilesPatch(
      from,
      `b/${plan.rel}`,
      plan.before ?? '',
      plan.after,
      undefined,
      undefined,
      {
        context: 3,
      },
    );
    // The first line is the "====" separator the diff package puts before two-file patches.
    io.out(patch.replace(/^=+\n/, '').trimEnd());
  }
}

export const initCommand: Command = async (argv, io) => {
  let options: InitOptions;
  try {
    options = parseInitArgs(argv, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tandem init: ${error.message}`);
    io.err(INIT_USAGE.trimEnd());
    return 2;
  }
  if (options.help) {
    io.out(INIT_USAGE.trimEnd());
    return 0;
  }

  const { dir } = options;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) {
    io.err(`tandem init: ${dir} is not a directory${existsSync(dir) ? '' : ' (it does not exist)'}.`);
    return 2;
  }
  if (!gitTopLevel(dir)) {
    io.err(`tandem init: ${dir} is not in a git repository; Tandem's tools work on one.`);
    io.err('Run `git init` there first, then tandem init again.');
    return 2;
  }

  let plans: PlannedFile[];
  try {
    plans = await planInit(dir);
  } catch (error) {
    if (!(error instanceof InitRefusal)) throw error;
    io.err(`tandem init: ${error.message}`);
    if (error.hint) io.err(error.hint);
    io.err('Nothing was written.');
    return 2;
  }

  const changes = plans.filter(changed);
  const missing = serverEntries().missing;
  if (missing.length > 0)
    io.err(
      `tandem init: not built yet: ${missing.join(', ')}. Run \`npm run build\` in the Tandem checkout.`,
    );

  if (options.dryRun) {
    if (changes.length === 0) io.out('tandem init: nothing to change.');
    else await printDiffs(io, changes);
    return 0;
  }

  for (const plan of plans) for (const note of plan.notes) io.out(note);
  if (changes.length === 0) {
    io.out('tandem init: nothing to change.');
    return 0;
  }

  const blocked = await unwritable(changes);
  if (blocked.length > 0) {
    io.err(`tandem init: cannot write in ${blocked.join(', ')} (permission denied). Nothing was written.`);
    return 1;
  }
  try {
    await writeChanges(changes);
  } catch (error) {
    if (!(error instanceof PartialWrite)) throw error;
    io.err(`tandem init: ${error.message}.`);
    io.err(
      error.written.length > 0 ? `Already written: ${error.written.join(', ')}.` : 'Nothing was written.',
    );
    return 1;
  }
  io.out(
    `tandem init: ${changes.length} file${changes.length === 1 ? '' : 's'} written in ${dir}. ` +
      'Restart your client (or run /mcp in Claude Code) to pick up the servers.',
  );
  return 0;
};
