// validate runs the configured validation recipe (agent-validate by default) on copies of the
// sample repo: pass, a failing test recognised as such, a timeout, a missing recipe.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { callTool, makeWorkspace, recipe, removeWorkspace, type WorkspaceOptions } from './support/tasks.js';

let orchestrator: ConnectedOrchestrator | undefined;
let root: string | undefined;

afterEach(async () => {
  await orchestrator?.close();
  await removeWorkspace(root);
  orchestrator = undefined;
  root = undefined;
});

async function open(options: WorkspaceOptions, prepare?: (root: string) => Promise<void>) {
  root = await makeWorkspace('validate', options);
  await prepare?.(root);
  orchestrator = await connectOrchestrator(root);
  return orchestrator;
}

describe('validate', () => {
  it('passes on the sample repo, with the tail of the output', async () => {
    const { client } = await open({ sample: true });
    const result = await callTool(client, 'validate');
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      passed: true,
      recipe: 'agent-validate',
      exit_code: 0,
      timed_out: false,
      failing_step: null,
    });
    expect(result.structured.tail).toMatch(/Ran 7 tests in .*\n\nOK|Ran \d+ tests/s);
    expect(result.text).toMatch(/^agent-validate passed in \d+ ms/);
  });

  it('fails when a unit test fails, naming the test runner, the justfile line and the test', async () => {
    const { client } = await open({ sample: true }, async (dir) => {
      const file = path.join(dir, 'tests', 'test_report.py');
      const source = await readFile(file, 'utf8');
      await writeFile(
        file,
        source.replace('self.assertEqual(summary.income, 320000)', 'self.assertEqual(summary.income, 1)'),
      );
    });
    const result = await callTool(client, 'validate');
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      passed: false,
      exit_code: 1,
      timed_out: false,
      failing_step: {
        kind: 'test',
        tool: 'unittest',
        recipe_line: 8,
        command: 'python3 -m unittest discover -s tests -q',
      },
    });
    const step = result.structured.failing_step as { summary: string };
    expect(step.summary).toContain('FAIL: test_october_totals');
    expect(step.summary).toContain('AssertionError: 320000 != 1');
    expect(result.structured.tail).toContain('FAILED (failures=1)');
    expect(result.text).toContain('FAILED');
    expect(result.text).toContain('failing step: test (unittest), justfile line 8');
  });

  it('recognises a syntax error caught by py_compile', async () => {
    const { client } = await open({ sample: true }, async (dir) => {
      await writeFile(path.join(dir, 'scripts', 'report.py'), 'def broken(:\n    pass\n');
    });
    const result = await callTool(client, 'validate');
    expect(result.structured).toMatchObject({
      passed: false,
      failing_step: {
        kind: 'build',
        tool: 'python',
        recipe_line: 6,
        command: 'python3 -m py_compile scripts/report.py',
      },
    });
  });

  it('runs the recipe the config names, and fails it when it times out', async () => {
    const justfile = recipe('check:', 'echo checking', 'sleep 30');
    const { client } = await open({ justfile, config: 'tasks:\n  validate_recipe: check\n' });
    const result = await callTool(client, 'validate', { timeout_s: 1 });
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({
      passed: false,
      recipe: 'check',
      timed_out: true,
      exit_code: null,
    });
    expect(result.structured.tail).toContain('checking');
    expect((result.structured.failing_step as { summary: string }).summary).toContain('Timed out after 1 s');
  });

  it('is an error saying to add agent-validate when the justfile has none', async () => {
    const { client } = await open({ justfile: recipe('build:', 'true') });
    const result = await callTool(client, 'validate');
    expect(result.isError).toBe(true);
    expect(result.text).toContain('The justfile has no "agent-validate" recipe');
    expect(result.text).toContain('Add a recipe named agent-validate');
  });
});
