// Property-based fuzzing of every orchestrator tool over stdio, against the built server (and the
// coder it delegates to) on a committed temp copy of the sample repo where the local user is a
// maintainer: no call crashes the server or hangs, every failure is an isError result with a
// message (non-object arguments: the SDK's InvalidParams error), every success matches the tool's
// output schema. Write tools only ever see the temp copy, which is reset after each.
import {
  backlogOutput,
  codeSearchOutput,
  commitOutput,
  consultSpecialistOutput,
  getCodebaseContextOutput,
  listPersonasOutput,
  listTasksOutput,
  memoryOutput,
  planOutput,
  readContextOutput,
  refactorOutput,
  reviewChangesOutput,
  runTaskOutput,
  statusOutput,
  validateToolOutput,
} from '@tandem/shared/schemas';
import { expect } from 'vitest';
import { fuzzEveryTool } from '../support/fuzz-suite.js';
import { orchestratorMain } from '../support/paths.js';
import { scaled } from '../support/reliability.js';

/** Tools that run `just` recipes, git hooks or a validation: slow, so few cases and a longer ceiling. */
const SLOW = ['run_task', 'validate', 'refactor', 'commit', 'get_codebase_context'];

fuzzEveryTool({
  name: 'survives-fuzzed-arguments-on-every-orchestrator-tool',
  title: 'Fuzzed arguments on every orchestrator tool',
  main: orchestratorMain,
  // By cost: list_personas globs the workspace per persona, get_codebase_context packs it with repomix.
  runs: {
    status: scaled(1200, 3000),
    list_tasks: scaled(800, 2000),
    list_personas: scaled(40, 1000),
    read_backlog: scaled(1000, 6000),
    read_context: scaled(1000, 6000),
    memory: scaled(1000, 6000),
    plan: scaled(1000, 6000),
    consult_specialist: scaled(80, 2000),
    code_search: scaled(500, 4000),
    review_changes: scaled(40, 1000),
    refactor: scaled(150, 1000),
    get_codebase_context: scaled(12, 300),
    commit: scaled(25, 400),
    run_task: scaled(20, 150),
    validate: scaled(3, 20),
  },
  outputs: {
    status: statusOutput,
    list_tasks: listTasksOutput,
    list_personas: listPersonasOutput,
    read_backlog: backlogOutput,
    read_context: readContextOutput,
    memory: memoryOutput,
    plan: planOutput,
    consult_specialist: consultSpecialistOutput,
    code_search: codeSearchOutput,
    review_changes: reviewChangesOutput,
    refactor: refactorOutput,
    get_codebase_context: getCodebaseContextOutput,
    commit: commitOutput,
    run_task: runTaskOutput,
    validate: validateToolOutput,
  },
  ceilingMs: (tool) => (SLOW.includes(tool) ? 120_000 : 60_000),
  writers: ['memory', 'plan', 'consult_specialist', 'refactor', 'commit', 'run_task', 'validate'],
  finalCheck: async (server) => {
    const status = await server.client.callTool({ name: 'status', arguments: {} });
    expect(status.isError).toBeFalsy();
    expect(statusOutput.parse(status.structuredContent).coder.state).toBe('ready');
  },
});
