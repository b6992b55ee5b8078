import { defineConfig } from 'vitest/config';

// Ceilings, not assertions: under `turbo run test` the three packages share two cores with their
// servers' child processes, and a loaded machine can make an in-memory seam test take many seconds.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 60000, hookTimeout: 60000 },
});
