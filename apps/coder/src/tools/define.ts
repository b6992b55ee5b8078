// The coder's services, handed to every tool through the seam's call context.
import { type ToolDefinition, toolDefiner } from '@tandem/shared';
import type { z } from 'zod';
import type { LanguageRegistry } from '../engine/languages.js';
import type { TreeCache } from '../engine/tree-cache.js';

export interface CoderServices {
  languages: LanguageRegistry;
  /** Parsed files shared by every tool, invalidated by mtime and size. */
  trees: TreeCache;
}

const define = toolDefiner<CoderServices>();

/** Defines a coder tool; while any tool runs, the background warm-up holds off, leaving it the CPU. */
export function defineCoderTool<I extends z.ZodObject, O extends z.ZodObject>(
  definition: ToolDefinition<CoderServices, I, O>,
) {
  return define<I, O>({
    ...definition,
    handler: (args, context) => context.services.trees.busy(() => definition.handler(args, context)),
  });
}
