// Input and output schemas of the orchestrator's tools, one file per area.

export * from './backlog.js';
export * from './code-search.js';
export * from './consult.js';
export * from './context.js';
export * from './git.js';
export * from './memory.js';
export * from './personas.js';
export * from './plan.js';
export * from './refactor.js';
export * from './status.js';
export * from './tasks.js';
