// stdout belongs to JSON-RPC: hand-written requests, including bad ones, get only JSON-RPC lines back,
// and every log line goes to stderr.
import { expect, it } from 'vitest';
import { spawnOrchestrator } from './support/raw-rpc.js';

it('writes only JSON-RPC lines to stdout and its logs to stderr', async () => {
  const orchestrator = spawnOrchestrator();
  try {
    const initialized = await orchestrator.initialize(1);
    expect(initialized.result).toMatchObject({
      protocolVersion: '2025-06-18',
      serverInfo: { name: 'tandem-orchestrator' },
    });

    orchestrator.writeLine('{"jsonrpc": "2.0", "id": 99, "method": "tools/list"'); // malformed: no closing brace
    const listed = await orchestrator.request(2, 'tools/list');
    expect((listed.result?.tools as Array<{ name: string }>).map((tool) => tool.name)).toContain('status');

    const status = await orchestrator.request(3, 'tools/call', { name: 'status', arguments: {} });
    expect(status.result).toMatchObject({ structuredContent: { coder: { state: 'ready' } } });

    const unknown = await orchestrator.request(4, 'tools/call', { name: 'no_such_tool', arguments: {} });
    expect(unknown.result).toMatchObject({ isError: true });
    expect(JSON.stringify(unknown.result)).toContain('Unknown tool');

    orchestrator.child.stdin.end();
    expect(await orchestrator.exited).toEqual({ code: 0, signal: null });

    const lines = orchestrator.stdoutLines().filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      let message: unknown;
      expect(
        () => {
          message = JSON.parse(line);
        },
        `stdout line is not JSON: ${line.slice(0, 200)}`,
      ).not.toThrow();
      expect(message).toMatchObject({ jsonrpc: '2.0' });
    }
    // The malformed line got no reply of any kind: nothing answers id 99.
    expect(lines.some((line) => (JSON.parse(line) as { id?: unknown }).id === 99)).toBe(false);

    const stderr = orchestrator.stderr();
    expect(stderr).toContain('[tandem-orchestrator] ready on stdio');
    expect(stderr).toContain('[coder]');
    expect(stderr).toContain('shutting down (stdin closed)');
  } finally {
    orchestrator.child.kill('SIGKILL');
  }
});
