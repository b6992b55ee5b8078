// The orchestrator's tools, in the order clients list them.
import { commitTool } from './commit.js';
import { readBacklog } from './read-backlog.js';
import { reviewChangesTool } from './review-changes.js';
import { status } from './status.js';

export const orchestratorTools = [status, readBacklog, reviewChangesTool, commitTool];
