// The orchestrator's tools, in the order clients list them.
import { codeSearch } from './code-search.js';
import { refactor } from './refactor.js';
import { status } from './status.js';

export const orchestratorTools = [status, codeSearch, refactor];
