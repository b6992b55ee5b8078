// The orchestrator's tools, in the order clients list them.
import { getCodebaseContextTool } from './get-codebase-context.js';
import { readContextTool } from './read-context.js';
import { status } from './status.js';

export const orchestratorTools = [status, getCodebaseContextTool, readContextTool];
