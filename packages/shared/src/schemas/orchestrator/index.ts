// Input and output schemas of the orchestrator's tools, one file per area.

export * from './context.js';
export * from './status.js';
