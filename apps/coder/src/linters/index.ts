// Every linter adapter, in the order they start and are reported: tsc first as the slowest.
import type { LinterName } from '@tandem/shared/schemas';
import { biome } from './biome.js';
import { eslint } from './eslint.js';
import { nixfmt } from './nixfmt.js';
import { ruff } from './ruff.js';
import { shellcheck } from './shellcheck.js';
import { tsc } from './tsc.js';
import type { LinterAdapter } from './types.js';

export const linterAdapters: Record<LinterName, LinterAdapter> = {
  tsc,
  biome,
  eslint,
  ruff,
  shellcheck,
  nixfmt,
};
