// list_tasks: the justfile's public recipes with their parameters, and whether THIS caller may run
// each, by the recipe policy (agent-*, exact names from tasks.allow) and by the caller's role.
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callTool, makeWorkspace, recipe, removeWorkspace } from './support/tasks.js';

let orchestrator: ConnectedOrchestrator | undefined;
let root: string | undefined;

afterEach(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
  orchestrator = undefined;
  root = undefined;
});

interface Listed {
  name: string;
  doc: string | null;
  runnable: boolean;
  reason: string | null;
  parameters: {
    name: string;
    default: string | null;
    kind: string;
    exported: boolean;
    interpolated: boolean;
  }[];
}

async function list(options: Parameters<typeof makeWorkspace>[1]) {
  root = await makeWorkspace('list-tasks', options);
  orchestrator = await connectOrchestrator(root);
  return callTool(orchestrator.client, 'list_tasks');
}

describe('list_tasks', () => {
  it("lists the sample repo's recipes with docs and parameters; agent-* recipes are runnable", async () => {
    const result = await list({ sample: true });
    expect(result.isError).toBe(false);
    expect(result.structured.justfile).toBe('justfile');
    expect(result.structured.validate_recipe).toBe('agent-validate');
    expect(result.structured.validate_recipe_present).toBe(true);
    const recipes = result.structured.recipes as Listed[];
    expect(recipes.map((r) => r.name).sort()).toEqual([
      'agent-lint',
      'agent-validate',
      'broken-check',
      'report',
    ]);
    const byName = new Map(recipes.map((r) => [r.name, r]));
    expect(byName.get('agent-validate')).toMatchObject({
      runnable: true,
      reason: null,
      doc: 'Check syntax and run the unit tests (what an agent runs before handing work back)',
    });
    expect(byName.get('report')).toMatchObject({
      runnable: false,
      reason: expect.stringContaining('tasks.allow'),
      parameters: [
        { name: 'month', default: '2026-10', kind: 'singular', exported: false, interpolated: true },
      ],
    });
    expect(byName.get('broken-check')?.runnable).toBe(false);
    expect(result.text).toContain('▶ agent-lint');
  });

  it('skips private recipes, reads parameter kinds and exports, and matches allow entries exactly', async () => {
    const justfile = [
      'set positional-arguments',
      recipe('# run the tests\ntest *files:', 'echo "$@"'),
      recipe('test-all:', 'echo all'),
      recipe('agent-x +$names:', 'echo "$names"'),
      recipe('agent-y a b="z":', 'echo {{a}} "$2"'),
      recipe('_helper:', 'true'),
      recipe('[private]\nhidden:', 'true'),
    ].join('\n');
    const result = await list({ justfile, config: 'tasks:\n  allow: [test]\n' });
    expect(result.isError).toBe(false);
    const recipes = result.structured.recipes as Listed[];
    const byName = new Map(recipes.map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual(['agent-x', 'agent-y', 'test', 'test-all']);
    expect(byName.get('test')).toMatchObject({
      runnable: true,
      doc: 'run the tests',
      parameters: [{ name: 'files', kind: 'star', default: null, interpolated: false }],
    });
    expect(byName.get('test-all')?.runnable).toBe(false);
    expect(byName.get('agent-x')?.parameters).toEqual([
      { name: 'names', default: null, kind: 'plus', exported: true, interpolated: false },
    ]);
    expect(byName.get('agent-y')?.parameters).toEqual([
      { name: 'a', default: null, kind: 'singular', exported: false, interpolated: true },
      { name: 'b', default: 'z', kind: 'singular', exported: false, interpolated: false },
    ]);
    expect(result.structured.validate_recipe_present).toBe(false);
  });

  it('marks nothing runnable for a role that may not call run_task', async () => {
    const result = await list({ sample: true, config: 'identity:\n  role: viewer\n' });
    expect(result.isError).toBe(false);
    const recipes = result.structured.recipes as Listed[];
    expect(recipes.length).toBeGreaterThan(0);
    for (const listed of recipes) {
      expect(listed.runnable).toBe(false);
      expect(listed.reason).toBe('your role may not call run_task');
    }
    // And indeed it may not: run_task and validate start processes (execute class).
    const client = orchestrator?.client;
    if (!client) throw new Error('not connected');
    for (const tool of ['run_task', 'validate']) {
      const refused = await callTool(client, tool, tool === 'run_task' ? { recipe: 'agent-validate' } : {});
      expect(refused.isError, tool).toBe(true);
      expect(refused.text, tool).toContain(`${tool} needs the execute permission`);
    }
  });

  it('annotates list_tasks read-only and the running tools as not', async () => {
    root = await makeWorkspace('list-tasks', { sample: true });
    orchestrator = await connectOrchestrator(root);
    const { tools } = await orchestrator.client.listTools();
    const byName = new Map(tools.map((tool) => [tool.name, tool]));
    expect(byName.get('list_tasks')?.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
    });
    expect(byName.get('run_task')?.annotations).toMatchObject({ readOnlyHint: false });
    expect(byName.get('validate')?.annotations).toMatchObject({ readOnlyHint: false });
  });

  it('is an error naming what to add when the root has no justfile', async () => {
    const result = await list({});
    expect(result.isError).toBe(true);
    expect(result.text).toMatch(/No justfile in .*Add a `justfile`/s);
  });
});
