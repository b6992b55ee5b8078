// One tool per permission class, and one whose result size the caller picks, for the policy tests.
import { z } from 'zod';
import { type ToolDefinition, toolDefiner } from '../../src/seam/define-tool.js';
import type { TestServices } from './test-tools.js';

const defineTestTool = toolDefiner<TestServices>();
const hints = { destructiveHint: false, idempotentHint: true, openWorldHint: false };

export const peekTool = defineTestTool({
  name: 'peek',
  title: 'Peek',
  description: 'Reads nothing in particular.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, ...hints },
  async handler(_args, { services }) {
    services.ran.push('peek');
    return { structured: { ok: true } };
  },
});

export const editTool = defineTestTool({
  name: 'edit_file',
  title: 'Edit',
  description: 'Pretends to change the workspace.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: false, ...hints, destructiveHint: true },
  async handler(_args, { services }) {
    services.ran.push('edit_file');
    return { structured: { ok: true } };
  },
});

export const runTool = defineTestTool({
  name: 'run_check',
  title: 'Run a check',
  description: 'Stands for a tool that starts a process; waits `ms` milliseconds.',
  input: z.object({ ms: z.number().int().min(0).default(0) }),
  output: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: true, ...hints, runsCommands: true },
  async handler(args, { services }) {
    services.ran.push('run_check');
    await new Promise((resolve) => setTimeout(resolve, args.ms));
    return { structured: { ok: true } };
  },
});

export const commitTool = defineTestTool({
  name: 'commit_changes',
  title: 'Commit',
  description: 'Stands for a tool that commits.',
  input: z.object({}),
  output: z.object({ ok: z.boolean() }),
  annotations: { readOnlyHint: false, ...hints, commits: true },
  async handler(_args, { services }) {
    services.ran.push('commit_changes');
    return { structured: { ok: true } };
  },
});

export const blobTool = defineTestTool({
  name: 'blob',
  title: 'Blob',
  description: 'Returns `size` characters.',
  input: z.object({ size: z.number().int().min(0).max(100_000) }),
  output: z.object({ data: z.string() }),
  annotations: { readOnlyHint: true, ...hints },
  async handler(args, { services }) {
    services.ran.push('blob');
    return { structured: { data: 'x'.repeat(args.size) }, text: 'blob' };
  },
});

export const policyTools: readonly ToolDefinition<TestServices>[] = [
  peekTool,
  editTool,
  runTool,
  commitTool,
  blobTool,
];
