export * from './coder/index.js';
export * from './orchestrator/index.js';
