// The orchestrator's tools, in the order clients list them.
import { readBacklog } from './read-backlog.js';
import { status } from './status.js';

export const orchestratorTools = [status, readBacklog];
