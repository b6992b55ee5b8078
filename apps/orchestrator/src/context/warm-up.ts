// Loads what the first get_codebase_context needs — Repomix's modules (~0.2–0.3 s), then its
// tokenizer (~0.2 s) — in the background once a client is initialized, as a language server loads
// before the first request: `initialize` is answered without them (the issue asks for a lazy import),
// and an agent's first pack, seconds later, finds them loaded. A call made meanwhile shares the same
// loads (loadRepomix and tokenCounter are each made once). Nothing is printed: importing prints
// nothing, and the tokenizer's one debug line only at Repomix's debug level, which is never set
// outside a call (calls run silenced). TANDEM_CONTEXT_PREWARM=off turns it off.
//
// The loads run on the main thread: module compilation yields between modules, but the tokenizer's
// tables are one large module, compiled in one piece (~0.1 s during which a request waits).
import type { Logger } from '@tandem/shared';
import { loadRepomix, REPOMIX_INFO, repomixRuns } from './repomix-api.js';

let warming: Promise<void> | undefined;

export function warmUpContext(logger: Logger): Promise<void> {
  warming ??= (async () => {
    if (process.env.TANDEM_CONTEXT_PREWARM === 'off') return;
    const started = performance.now();
    logger.debug('context warm-up started');
    const api = await loadRepomix();
    const loaded = Math.round(performance.now() - started);
    // A pack begun meanwhile loads the tokenizer itself if its budget needs it.
    const tokenizer = repomixRuns() === 0 && api.logger.getLogLevel() <= REPOMIX_INFO;
    if (tokenizer) await api.tokenCounter();
    logger.debug('context warm-up done', {
      repomix_loaded_ms: loaded,
      tokenizer_loaded_ms: tokenizer ? Math.round(performance.now() - started) : null,
    });
  })().catch((error: Error) => {
    logger.warn(`context warm-up stopped: ${error.message}`);
  });
  return warming;
}
