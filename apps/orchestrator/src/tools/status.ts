import { statusInput, statusOutput } from '@tandem/shared/schemas';
import { justVersion } from '../tasks/just-binary.js';
import { MCP_SDK_VERSION, ORCHESTRATOR_VERSION } from '../version.js';
import { defineOrchestratorTool } from './define.js';

export const status = defineOrchestratorTool({
  name: 'status',
  title: 'Status',
  description:
    "Versions, workspace root, and the coder's health (pings it, starting it if needed) and tools.",
  input: statusInput,
  output: statusOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, { services, root, signal }) {
    const [coder, just] = await Promise.all([services.coder.health(signal), justVersion(services.just)]);
    const structured = {
      server: { name: 'tandem-orchestrator', version: ORCHESTRATOR_VERSION },
      versions: { node: process.version, mcp_sdk: MCP_SDK_VERSION, just },
      root,
      coder,
    };
    const health =
      coder.state === 'ready'
        ? `ready, pid ${coder.pid}, up ${coder.uptime_s} s, ping ${coder.round_trip_ms} ms, restarts ${coder.restarts}`
        : `${coder.state}${coder.last_error ? `: ${coder.last_error}` : ''}${coder.circuit.retry_at ? `, retry at ${coder.circuit.retry_at}` : ''}`;
    const text = [
      `tandem-orchestrator ${ORCHESTRATOR_VERSION} (node ${process.version}, MCP SDK ${MCP_SDK_VERSION}, ${just ?? 'just not found'})`,
      `root: ${root}`,
      `coder: ${health}`,
      `coder tools: ${coder.tools.join(', ') || '-'}`,
    ].join('\n');
    return { structured, text };
  },
});
