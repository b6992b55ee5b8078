// The coder's services, handed to every tool through the seam's call context.
import { toolDefiner } from '@tandem/shared';
import type { LanguageRegistry } from '../engine/languages.js';
import type { TreeCache } from '../engine/tree-cache.js';

export interface CoderServices {
  languages: LanguageRegistry;
  /** Parsed files shared by every tool, invalidated by mtime and size. */
  trees: TreeCache;
}

export const defineCoderTool = toolDefiner<CoderServices>();
