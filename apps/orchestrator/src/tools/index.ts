// The orchestrator's tools, in the order clients list them.
import { codeSearch } from './code-search.js';
import { commitTool } from './commit.js';
import { consultSpecialistTool } from './consult-specialist.js';
import { getCodebaseContextTool } from './get-codebase-context.js';
import { listPersonasTool } from './list-personas.js';
import { listTasks } from './list-tasks.js';
import { memoryTool } from './memory.js';
import { planTool } from './plan.js';
import { readBacklog } from './read-backlog.js';
import { readContextTool } from './read-context.js';
import { refactor } from './refactor.js';
import { reviewChangesTool } from './review-changes.js';
import { runTask } from './run-task.js';
import { status } from './status.js';
import { validate } from './validate.js';

export const orchestratorTools = [
  status,
  getCodebaseContextTool,
  readContextTool,
  listTasks,
  runTask,
  validate,
  readBacklog,
  codeSearch,
  refactor,
  reviewChangesTool,
  commitTool,
  listPersonasTool,
  consultSpecialistTool,
  planTool,
  memoryTool,
];
