// How an orchestrator tool calls the coder: the call's cancellation, the caller's identity and the
// coder's progress all travel, so a tool cannot forget one of them.
import { type CallContext, principalOf } from '@tandem/shared';
import type { CoderToolInput, CoderToolName, CoderToolOutput } from '@tandem/shared/schemas';
import type { CoderClient } from './coder-client.js';

export function delegate<N extends CoderToolName>(
  context: CallContext<{ coder: CoderClient }>,
  name: N,
  args: CoderToolInput<N>,
): Promise<CoderToolOutput<N>> {
  return context.services.coder.call(name, args, {
    signal: context.signal,
    onBehalfOf: principalOf(context.identity),
    onProgress: (update) => void context.progress(update.progress, update.total, update.message),
  });
}
