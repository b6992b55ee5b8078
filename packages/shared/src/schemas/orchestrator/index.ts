// Input and output schemas of the orchestrator's tools, one file per area.
export * from './status.js';
export * from './code-search.js';
