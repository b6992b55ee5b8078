import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { exitWithin, type RawServer, SAMPLE_REPO, spawnRaw } from './support/coder.js';

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: {
    protocolVersion: LATEST_PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'raw', version: '0' },
  },
};

describe('server lifetime', () => {
  let server: RawServer | undefined;
  afterEach(() => {
    // Never leave a server behind when an assertion failed before it exited.
    if (server && server.child.exitCode === null && server.child.signalCode === null)
      server.child.kill('SIGKILL');
    server = undefined;
  });

  it('exits with code 0 when stdin closes', async () => {
    server = spawnRaw(SAMPLE_REPO);
    server.send(initialize);
    expect(await server.response(1)).toHaveProperty('result');
    server.child.stdin.end();
    expect(await exitWithin(server.exited, 5000)).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/shutting down \(stdin closed\)/);
  });

  it('exits with code 0 when stdin closes before any message', async () => {
    server = spawnRaw(SAMPLE_REPO);
    server.child.stdin.end();
    expect(await exitWithin(server.exited, 5000)).toEqual({ code: 0, signal: null });
  });

  it('exits with code 0 on SIGTERM', async () => {
    server = spawnRaw(SAMPLE_REPO);
    server.send(initialize);
    expect(await server.response(1)).toHaveProperty('result');
    server.child.kill('SIGTERM');
    expect(await exitWithin(server.exited, 5000)).toEqual({ code: 0, signal: null });
    expect(server.stderr()).toMatch(/shutting down \(SIGTERM\)/);
  });
});
