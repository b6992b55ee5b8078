// The orchestrator's services, handed to every tool through the seam's call context.
import { toolDefiner } from '@tandem/shared';
import type { CoderClient } from '../coder-client/coder-client.js';
import type { JustBinary } from '../tasks/just-binary.js';

export interface OrchestratorServices {
  coder: CoderClient;
  just: JustBinary | undefined;
}

export const defineOrchestratorTool = toolDefiner<OrchestratorServices>();
