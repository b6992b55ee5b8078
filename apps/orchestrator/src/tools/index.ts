// The orchestrator's tools, in the order clients list them.
import { status } from './status.js';

export const orchestratorTools = [status];
