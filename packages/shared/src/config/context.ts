// The `context` section: how many context packs the orchestrator keeps under .tandem/context/ and
// how much source one `get_codebase_context` call may read.
import { z } from 'zod';

export const DEFAULT_MAX_PACKS = 20;
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

export const contextConfig = z.strictObject({
  max_packs: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(DEFAULT_MAX_PACKS)
    .describe('Packs kept for read_context; the least recently used are deleted'),
  max_input_bytes: z
    .number()
    .int()
    .min(1)
    // V8 cannot hold a string of 512 MiB or more; the pack holds its input and then some.
    .max(256 * 1024 * 1024)
    .default(DEFAULT_MAX_INPUT_BYTES)
    .describe('Total size of the selected files above which a pack is refused'),
});

export type ContextConfig = z.output<typeof contextConfig>;
