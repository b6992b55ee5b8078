// Arguments reach the recipe as they were given: with positional arguments ("$1") or exported
// parameters ("$name"), shell metacharacters arrive literally and are never executed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callTool, makeWorkspace, recipe, removeWorkspace } from './support/tasks.js';

let orchestrator: ConnectedOrchestrator;
let root: string;

const JUSTFILE = [
  'set positional-arguments',
  recipe('agent-write-positional value:', 'printf "%s" "$1" > positional.txt'),
  recipe('agent-write-exported $value:', 'printf "%s" "$value" > exported.txt'),
  recipe('agent-write-all *values:', 'printf "%s\\n" "$@" > all.txt'),
  recipe('agent-fail:', 'echo about to fail', 'exit 3'),
].join('\n');

const NASTY = [
  '$(touch pwned)',
  '`touch pwned`',
  'a; touch pwned',
  'it\'s "quoted" & | > <',
  'x=y',
  '*',
  ' lead and trail ',
  '',
];

beforeAll(async () => {
  root = await makeWorkspace('run-task-literal', { justfile: JUSTFILE });
  orchestrator = await connectOrchestrator(root);
});

afterAll(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
});

describe('run_task arguments', () => {
  it('arrive literally as positional arguments', async () => {
    for (const value of NASTY) {
      const result = await callTool(orchestrator.client, 'run_task', {
        recipe: 'agent-write-positional',
        args: [value],
      });
      expect(result.isError, value).toBe(false);
      expect(result.structured.exit_code, value).toBe(0);
      expect(await readFile(path.join(root, 'positional.txt'), 'utf8')).toBe(value);
    }
    expect(await readdir(root)).not.toContain('pwned');
  });

  it('arrive literally as exported parameters', async () => {
    for (const value of NASTY) {
      const result = await callTool(orchestrator.client, 'run_task', {
        recipe: 'agent-write-exported',
        args: [value],
      });
      expect(result.isError, value).toBe(false);
      expect(await readFile(path.join(root, 'exported.txt'), 'utf8')).toBe(value);
    }
    expect(await readdir(root)).not.toContain('pwned');
  });

  it('arrive as separate arguments to a variadic recipe', async () => {
    const result = await callTool(orchestrator.client, 'run_task', {
      recipe: 'agent-write-all',
      args: NASTY,
    });
    expect(result.isError).toBe(false);
    expect(await readFile(path.join(root, 'all.txt'), 'utf8')).toBe(`${NASTY.join('\n')}\n`);
    expect(await readdir(root)).not.toContain('pwned');
  });

  it('a failing recipe is a normal result with its exit code and output', async () => {
    const result = await callTool(orchestrator.client, 'run_task', { recipe: 'agent-fail' });
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      recipe: 'agent-fail',
      exit_code: 3,
      signal: null,
      timed_out: false,
      cut: null,
    });
    expect(result.structured.output).toContain('about to fail');
    expect(result.structured.output).toMatch(/recipe `agent-fail` failed on line \d+ with exit code 3/);
    expect(result.structured.duration_ms).toEqual(expect.any(Number));
    expect(result.text).toContain('exit code 3');
  });
});
