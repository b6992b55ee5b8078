import { defineConfig } from 'vitest/config';

// Ceilings, not assertions: tests spawn the orchestrator, its coder, just, git and python on two
// shared cores, so a loaded machine can make one take far longer than usual.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60000, hookTimeout: 60000 },
});
