export * from './coder.js';
export * from './orchestrator.js';
