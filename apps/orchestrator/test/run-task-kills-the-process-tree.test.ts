// A task's timeout and the call's cancellation kill the recipe's whole process tree, grandchildren
// included; so does the recipe's own end, for processes it left running in the background.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { killIfAlive, pollUntil } from './support/processes.js';
import { callTool, makeWorkspace, recipe, removeWorkspace } from './support/tasks.js';

let orchestrator: ConnectedOrchestrator;
let root: string;
const leftovers: number[] = [];

const JUSTFILE = [
  // The sleep is bash's child, just's grandchild: killing just alone would leave it.
  recipe('agent-hang name:', 'sleep 300 & echo $! > {{name}}.pid; echo started; wait'),
  recipe('agent-background:', 'sleep 300 > /dev/null 2>&1 & echo $! > background.pid', 'echo done'),
].join('\n');

beforeAll(async () => {
  root = await makeWorkspace('run-task-tree', { justfile: JUSTFILE });
  orchestrator = await connectOrchestrator(root);
});

afterAll(async () => {
  for (const pid of leftovers) killIfAlive(pid);
  await orchestrator?.close();
  await removeWorkspace(root);
});

/** Gone, or a zombie waiting to be reaped by whichever process inherited it: it runs nothing. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

async function pidFrom(file: string): Promise<number> {
  const pid = await pollUntil(`${file}`, async () => {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => '');
    return /^\d+\s*$/.test(text) ? Number(text) : undefined;
  });
  leftovers.push(pid);
  return pid;
}

describe('run_task process trees', () => {
  it('kills the grandchild when the timeout passes, and says it timed out', async () => {
    const result = await callTool(orchestrator.client, 'run_task', {
      recipe: 'agent-hang',
      args: ['timeout'],
      timeout_s: 1,
    });
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({ timed_out: true, exit_code: null, signal: 'SIGKILL' });
    expect(result.structured.output).toContain('started');
    expect(result.text).toContain('timed out after 1 s');
    const grandchild = await pidFrom('timeout.pid');
    await pollUntil(`sleep ${grandchild} to stop`, () => (isRunning(grandchild) ? undefined : true));
  });

  it('kills the grandchild when the call is cancelled', async () => {
    const controller = new AbortController();
    const call = callTool(
      orchestrator.client,
      'run_task',
      { recipe: 'agent-hang', args: ['cancel'] },
      {
        signal: controller.signal,
      },
    );
    const grandchild = await pidFrom('cancel.pid');
    expect(isRunning(grandchild)).toBe(true);
    controller.abort();
    await expect(call).rejects.toThrow();
    await pollUntil(`sleep ${grandchild} to stop`, () => (isRunning(grandchild) ? undefined : true));
    // The server is still serving.
    const after = await callTool(orchestrator.client, 'run_task', { recipe: 'agent-background' });
    expect(after.isError).toBe(false);
  });

  it('ends processes the recipe left in the background when it finishes', async () => {
    const result = await callTool(orchestrator.client, 'run_task', { recipe: 'agent-background' });
    expect(result.isError).toBe(false);
    expect(result.structured).toMatchObject({ exit_code: 0, timed_out: false });
    const background = await pidFrom('background.pid');
    await pollUntil(`sleep ${background} to stop`, () => (isRunning(background) ? undefined : true));
  });
});
