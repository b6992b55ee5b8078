export * from './coder/index.js';
export * from './orchestrator.js';
