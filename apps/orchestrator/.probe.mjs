import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [, , tool, json] = process.argv;
const t = new StdioClientTransport({
  command: process.execPath,
  args: ['../coder/dist/main.js', '--root', process.env.ROOT ?? '/tmp/probe-root'],
  stderr: 'ignore',
});
const c = new Client({ name: 'p', version: '0' });
await c.connect(t);
const r = await c.callTool({ name: tool, arguments: JSON.parse(json) });
console.log(
  r.isError
    ? 'ERROR ' + r.content[0].text
    : (r.structuredContent?.tree ?? JSON.stringify(r.structuredContent, null, 1)),
);
await c.close();
