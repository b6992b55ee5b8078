// The stdio transport both servers serve on, in-process: lines split across chunks and packed into
// one are read as messages, an over-long line is answered with a parse error and skipped up to its
// newline (the next line is read), and malformed frames are answered rather than dropped.
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { expect, it } from 'vitest';
import { LenientStdioServerTransport } from '../src/runtime/serve-stdio-transport.js';

async function harness(maxLineBytes?: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const transport = new LenientStdioServerTransport(stdin, stdout, maxLineBytes);
  const messages: JSONRPCMessage[] = [];
  transport.onmessage = (message) => messages.push(message);
  const written: unknown[] = [];
  stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) written.push(JSON.parse(line));
  });
  await transport.start();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { stdin, messages, written, settle, transport };
}

const ping = (id: number) => `{"jsonrpc":"2.0","id":${id},"method":"ping"}`;

it('reads a message split across chunks, and several in one chunk', async () => {
  const { stdin, messages, settle } = await harness();
  const line = `${ping(1)}\n`;
  for (const char of line) stdin.write(char);
  stdin.write(`${ping(2)}\n${ping(3)}\r\n`);
  await settle();
  expect(messages.map((message) => (message as { id: number }).id)).toEqual([1, 2, 3]);
});

it('answers an over-long line once and reads the line after it', async () => {
  const { stdin, messages, written, settle } = await harness(64);
  stdin.write('x'.repeat(50));
  stdin.write('y'.repeat(50)); // over the limit before its newline arrives
  stdin.write(`${'z'.repeat(200)}\n${ping(7)}\n`);
  await settle();
  expect(written).toEqual([
    { jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('MiB limit') } },
  ]);
  expect(messages).toEqual([{ jsonrpc: '2.0', id: 7, method: 'ping' }]);
});

it('answers malformed frames with the id when it can be read, and ignores blank lines', async () => {
  const { stdin, messages, written, settle } = await harness();
  stdin.write('\n  \n{oops\n{"jsonrpc":"2.0","id":"a"}\n[]\n');
  await settle();
  expect(messages).toEqual([]);
  expect(written).toEqual([
    { jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.any(String) } },
    { jsonrpc: '2.0', id: 'a', error: { code: -32600, message: expect.stringContaining('no "method"') } },
    { jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringContaining('empty batch') } },
  ]);
});
