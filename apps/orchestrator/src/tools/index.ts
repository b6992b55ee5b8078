// The orchestrator's tools, in the order clients list them.
import { commitTool } from './commit.js';
import { reviewChangesTool } from './review-changes.js';
import { status } from './status.js';

export const orchestratorTools = [status, reviewChangesTool, commitTool];
