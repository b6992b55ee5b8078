// run_task refuses, as a clear isError and before anything runs: unknown and disallowed recipes,
// names that are not plain identifiers, wrong argument counts, option-looking arguments, shell
// metacharacters for parameters the recipe interpolates, and timeouts above the maximum.
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callTool, makeWorkspace, recipe, removeWorkspace } from './support/tasks.js';

let orchestrator: ConnectedOrchestrator;
let root: string;

const JUSTFILE = [
  recipe('agent-greet name:', 'echo hello {{name}}'),
  recipe('agent-pair a b="x" *rest:', 'echo {{a}} {{b}}'),
  recipe('test:', 'echo test'),
  recipe('test-all:', 'echo test-all'),
  recipe('deploy:', 'touch deployed'),
].join('\n');

beforeAll(async () => {
  root = await makeWorkspace('run-task-refusals', {
    justfile: JUSTFILE,
    config: 'tasks:\n  allow: [test]\n  max_timeout_s: 60\n',
  });
  orchestrator = await connectOrchestrator(root);
});

afterAll(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
});

function run(args: Record<string, unknown>) {
  return callTool(orchestrator.client, 'run_task', args);
}

describe('run_task refusals', () => {
  it('names close recipes for an unknown one', async () => {
    const result = await run({ recipe: 'agent-gret' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('No recipe "agent-gret"');
    expect(result.text).toContain('Did you mean: agent-greet');
  });

  it('refuses a disallowed recipe and says how to allow it', async () => {
    const result = await run({ recipe: 'deploy' });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('"deploy" may not be run by agents');
    expect(result.text).toContain('.tandem/config.yaml');
    expect(await readdir(root)).not.toContain('deployed');
  });

  it('matches allowed names exactly: test runs, test-all does not', async () => {
    expect((await run({ recipe: 'test' })).isError).toBe(false);
    const refused = await run({ recipe: 'test-all' });
    expect(refused.isError).toBe(true);
    expect(refused.text).toContain('may not be run by agents');
  });

  it('refuses recipe names that are not plain identifiers', async () => {
    for (const name of ['--help', 'x=y', 'agent-greet extra', 'mod::agent-x', '']) {
      const result = await run({ recipe: name });
      expect(result.isError, name).toBe(true);
      expect(result.text, name).toContain('is not a recipe name');
    }
  });

  it('checks the argument count against the recipe', async () => {
    const none = await run({ recipe: 'agent-greet' });
    expect(none.isError).toBe(true);
    expect(none.text).toContain('takes 1 argument(s), got 0');
    expect(none.text).toContain('Usage: agent-greet name');
    const many = await run({ recipe: 'agent-greet', args: ['a', 'b'] });
    expect(many.isError).toBe(true);
    expect(many.text).toContain('takes 1 argument(s), got 2');
    const variadic = await run({ recipe: 'agent-pair', args: [] });
    expect(variadic.text).toContain('takes at least 1 argument(s), got 0');
    const fine = await run({ recipe: 'agent-pair', args: ['one', 'two', 'three', 'four'] });
    expect(fine.isError).toBe(false);
  });

  it('refuses option-looking arguments', async () => {
    for (const arg of ['--help', '-f', '--', '--justfile=/etc/passwd']) {
      const result = await run({ recipe: 'agent-greet', args: [arg] });
      expect(result.isError, arg).toBe(true);
      expect(result.text, arg).toContain('looks like an option');
    }
    const negative = await run({ recipe: 'agent-greet', args: ['-5'] });
    expect(negative.isError).toBe(false);
    expect(negative.structured.output).toContain('hello -5');
  });

  it('refuses shell metacharacters for an interpolated parameter, explaining the alternatives', async () => {
    for (const arg of ['$(touch pwned)', 'a;touch pwned', '`touch pwned`', 'a b', 'x|y', "it's"]) {
      const result = await run({ recipe: 'agent-greet', args: [arg] });
      expect(result.isError, arg).toBe(true);
      expect(result.text, arg).toContain('writes {{name}} into a shell line');
      expect(result.text, arg).toContain('set positional-arguments');
    }
    expect(await readdir(root)).not.toContain('pwned');
    const plain = await run({ recipe: 'agent-greet', args: ['world/v1.2:x@y'] });
    expect(plain.isError).toBe(false);
    expect(plain.structured.output).toContain('hello world/v1.2:x@y');
  });

  it('refuses a timeout above the maximum', async () => {
    const result = await run({ recipe: 'test', timeout_s: 61 });
    expect(result.isError).toBe(true);
    expect(result.text).toContain('above the maximum of 60 s');
  });
});
