// End to end over stdio, exactly as an MCP client connects: the built orchestrator, the SDK's Client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';
import { sampleRepo } from './support/paths.js';

describe('the orchestrator over stdio', () => {
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    orchestrator = await connectOrchestrator(sampleRepo);
  });

  afterAll(async () => {
    await orchestrator?.close();
  });

  it('lists the status tool with its annotations and schemas', async () => {
    const { tools } = await orchestrator.client.listTools();
    const status = tools.find((tool) => tool.name === 'status');
    expect(status).toBeDefined();
    expect(status?.annotations).toEqual({
      title: 'Status',
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(status?.inputSchema.type).toBe('object');
    expect(status?.outputSchema?.type).toBe('object');
  });

  it('reports versions, the canonical root and a ready coder with its tools', async () => {
    const status = await orchestrator.status();
    expect(status.server).toEqual({
      name: 'tandem-orchestrator',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
    expect(status.versions.node).toBe(process.version);
    expect(status.versions.mcp_sdk).toBe('1.32.2');
    expect(status.versions.just).toMatch(/^just \d/);
    expect(status.root).toBe(sampleRepo);
    expect(status.coder.state).toBe('ready');
    expect(status.coder.pid).toEqual(expect.any(Number));
    expect(status.coder.pid).not.toBe(orchestrator.pid);
    expect(status.coder.round_trip_ms).toEqual(expect.any(Number));
    expect(status.coder.restarts).toBe(0);
    expect(status.coder.circuit).toEqual({ state: 'closed', retry_at: null });
    expect(status.coder.tools).toEqual(expect.arrayContaining(['list_languages', 'dump_syntax_tree']));
  });
});
