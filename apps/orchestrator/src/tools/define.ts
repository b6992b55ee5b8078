// The orchestrator's services, handed to every tool through the seam's call context.
import { type TandemConfig, toolDefiner } from '@tandem/shared';
import type { CoderClient } from '../coder-client/coder-client.js';
import type { JustBinary } from '../tasks/just-binary.js';

export interface OrchestratorServices {
  coder: CoderClient;
  just: JustBinary | undefined;
  /** `.tandem/config.yaml` as loaded at start-up, defaults filled in. */
  config: TandemConfig;
}

export const defineOrchestratorTool = toolDefiner<OrchestratorServices>();
