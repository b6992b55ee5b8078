// The orchestrator's tools, in the order clients list them.
import { codeSearch } from './code-search.js';
import { listTasks } from './list-tasks.js';
import { refactor } from './refactor.js';
import { runTask } from './run-task.js';
import { status } from './status.js';
import { validate } from './validate.js';

export const orchestratorTools = [status, listTasks, runTask, validate, codeSearch, refactor];
