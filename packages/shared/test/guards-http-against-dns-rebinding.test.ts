// Host and Origin checks of the HTTP runtime: the bind host and the localhost names by default,
// configured names besides, ports ignored, wildcard binds never a valid Host.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { hostPolicy, rejectForeignHost } from '../src/runtime/http-guard.js';
import { isLoopbackHost } from '../src/runtime/server-args.js';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('DNS-rebinding guard', () => {
  it('accepts the localhost names on any port and refuses others', () => {
    const policy = hostPolicy('127.0.0.1', {});
    for (const host of ['127.0.0.1:8080', 'localhost:1', '[::1]:9', 'LOCALHOST']) {
      expect(rejectForeignHost(request({ host }), policy)).toBeUndefined();
    }
    for (const host of ['evil.example', '127.0.0.1.nip.io:80', '']) {
      expect(rejectForeignHost(request({ host }), policy)).toBeDefined();
    }
    expect(rejectForeignHost(request({}), policy)).toBe('missing Host header');
  });

  it('adds the bind host and configured names, but not a wildcard bind', () => {
    const policy = hostPolicy('0.0.0.0', { allowed_hosts: ['mcp.example.com', '::1'] });
    expect(policy.hosts.has('0.0.0.0')).toBe(false);
    expect(rejectForeignHost(request({ host: 'mcp.example.com:443' }), policy)).toBeUndefined();
    expect(rejectForeignHost(request({ host: '0.0.0.0:8080' }), policy)).toBeDefined();
    expect(hostPolicy('10.1.2.3', {}).hosts.has('10.1.2.3')).toBe(true);
  });

  it('allows origins on allowed hosts and configured origins only', () => {
    const policy = hostPolicy('127.0.0.1', { allowed_origins: ['https://app.example.com'] });
    const host = '127.0.0.1:8080';
    expect(rejectForeignHost(request({ host, origin: 'http://localhost:3000' }), policy)).toBeUndefined();
    expect(rejectForeignHost(request({ host, origin: 'https://app.example.com' }), policy)).toBeUndefined();
    expect(rejectForeignHost(request({ host, origin: 'https://evil.example' }), policy)).toBeDefined();
    expect(rejectForeignHost(request({ host, origin: 'null' }), policy)).toBeDefined();
  });

  it('knows loopback hosts', () => {
    for (const host of ['127.0.0.1', '127.5.0.1', 'localhost', '::1', '[::1]', 'api.localhost']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '10.0.0.1', 'example.com', '::ffff:10.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});
