// Without a just binary, every task tool is a clear error that says how to install just. The
// server finds the rust-just package in this repository, so the tools are called directly with the
// services a server has when it found no binary.
import { type CallContext, ToolError, tandemConfig } from '@tandem/shared';
import { describe, expect, it } from 'vitest';
import type { OrchestratorServices } from '../src/tools/define.js';
import { listTasks } from '../src/tools/list-tasks.js';
import { runTask } from '../src/tools/run-task.js';
import { validate } from '../src/tools/validate.js';
import { sampleRepo } from './support/paths.js';

function contextWithoutJust(): CallContext<OrchestratorServices> {
  return {
    services: { just: undefined, config: tandemConfig.parse({}) } as unknown as OrchestratorServices,
    identity: { subject: 'test', role: 'developer' } as CallContext<OrchestratorServices>['identity'],
    signal: new AbortController().signal,
    root: sampleRepo,
    logger: console as unknown as CallContext<OrchestratorServices>['logger'],
    progress: async () => undefined,
    permits: () => true,
  };
}

describe('without just', () => {
  for (const [tool, args] of [
    [listTasks, {}],
    [runTask, { recipe: 'agent-validate', args: [] }],
    [validate, {}],
  ] as const) {
    it(`${tool.name} says how to install it`, async () => {
      const error = await tool
        .handler(args as never, contextWithoutJust())
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ToolError);
      expect((error as ToolError).message).toContain('just is not installed');
      const hint = (error as ToolError).hint ?? '';
      for (const way of ['npm i -g rust-just', 'nix-shell -p just', 'cargo install just'])
        expect(hint).toContain(way);
    });
  }
});
