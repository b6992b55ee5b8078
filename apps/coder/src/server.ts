// createCoderServer: the coder's tools over its services, registered through the shared seam.
import { createToolServer, type Logger, type ToolServer } from '@tandem/shared';
import { LanguageRegistry } from './engine/languages.js';
import { prewarm } from './engine/prewarm.js';
import { TreeCache } from './engine/tree-cache.js';
import { coderTools } from './tools/index.js';
import { CODER_VERSION } from './version.js';

export interface CoderServerOptions {
  root: string;
  logger: Logger;
}

export function createCoderServer({ root, logger }: CoderServerOptions): ToolServer {
  const languages = new LanguageRegistry({ root, logger: logger.child('languages') });
  const trees = new TreeCache(languages);
  // napi and the grammars load on first use, so `initialize` is answered without them; once the first
  // client is initialized they load in the background, and the workspace is parsed ahead of the first
  // call. Over HTTP every session initializes; the warm-up runs once.
  let warming = false;
  const warmUp = () => {
    if (warming) return;
    warming = true;
    setImmediate(() => {
      try {
        languages.list();
      } catch (error) {
        logger.warn(`loading the grammars failed: ${(error as Error).message}`);
        return;
      }
      prewarm(root, languages, trees, logger.child('warm-up')).catch((error: Error) => {
        logger.warn(`warm-up stopped: ${error.message}`);
      });
    });
  };
  return createToolServer({
    name: 'tandem-coder',
    version: CODER_VERSION,
    instructions:
      'Structural code tools over ast-grep. Paths are relative to the workspace root; positions are 1-based.',
    root,
    tools: coderTools,
    services: { languages, trees },
    logger,
    onInitialized: warmUp,
  });
}
