// The coder's services, handed to every tool through the seam's call context.
import { toolDefiner } from '@tandem/shared';
import type { LanguageRegistry } from '../engine/languages.js';

export interface CoderServices {
  languages: LanguageRegistry;
}

export const defineCoderTool = toolDefiner<CoderServices>();
