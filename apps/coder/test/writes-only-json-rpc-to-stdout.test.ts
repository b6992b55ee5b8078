import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { exitWithin, type RawServer, SAMPLE_REPO, spawnRaw } from './support/coder.js';

describe('stdout', () => {
  let server: RawServer | undefined;
  afterEach(() => {
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill('SIGKILL');
    server = undefined;
  });

  it('carries only newline-delimited JSON-RPC messages, while logs go to stderr', async () => {
    server = spawnRaw(SAMPLE_REPO, { TANDEM_LOG_LEVEL: 'debug' });
    server.send({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: LATEST_PROTOCOL_VERSION,
        capabilities: {},
        clientInfo: { name: 'raw', version: '0' },
      },
    });
    expect(await server.response(1)).toMatchObject({ result: { serverInfo: { name: 'tandem-coder' } } });
    server.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    server.send({
      jsonrpc: '2.0',
      id: 2,
      method: 'tools/call',
      params: { name: 'dump_syntax_tree', arguments: { path: 'scripts/report.py', max_nodes: 20 } },
    });
    server.send({
      jsonrpc: '2.0',
      id: 3,
      method: 'tools/call',
      params: { name: 'dump_syntax_tree', arguments: {} },
    });
    server.send({
      jsonrpc: '2.0',
      id: 4,
      method: 'tools/call',
      params: { name: 'list_languages', arguments: {} },
    });
    expect(await server.response(2)).toMatchObject({ result: { structuredContent: { language: 'python' } } });
    expect(await server.response(3)).toMatchObject({ result: { isError: true } });
    expect(await server.response(4)).toHaveProperty('result.structuredContent.languages');
    server.child.stdin.end();
    expect(await exitWithin(server.exited, 5000)).toMatchObject({ code: 0 });

    const lines = server.lines.filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      let message: unknown;
      expect(() => {
        message = JSON.parse(line);
      }, line).not.toThrow();
      expect(message, line).toMatchObject({ jsonrpc: '2.0' });
    }
    expect(server.stderr()).toMatch(/ready on stdio/);
  });
});
