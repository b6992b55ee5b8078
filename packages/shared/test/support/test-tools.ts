// Small tools that exercise each path of the seam, and a server + real MCP client wired over memory.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { type TandemConfig, tandemConfig } from '../../src/config/schema.js';
import type { CallLimits } from '../../src/governance/limits.js';
import type { Logger } from '../../src/log/logger.js';
import { createToolServer, type ToolServer } from '../../src/seam/create-tool-server.js';
import type { PromptSource } from '../../src/seam/define-prompt.js';
import { type ToolDefinition, toolDefiner } from '../../src/seam/define-tool.js';
import { ToolError } from '../../src/seam/tool-error.js';
import { canonicalRoot } from '../../src/workspace/resolve-in-root.js';
import { makeTempDir } from './temp-dir.js';

/** What the handlers saw, so tests can tell whether a handler ran at all. */
export interface TestServices {
  ran: string[];
  signals: AbortSignal[];
}

export const silentLogger: Logger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

const defineTestTool = toolDefiner<TestServices>();

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export const echoTool = defineTestTool({
  name: 'echo',
  title: 'Echo',
  description: 'Repeats a message.',
  input: z.object({
    message: z.string().describe('Text to repeat'),
    times: z.number().int().min(1).max(3).default(1),
    note: z.string().nullable().optional(),
  }),
  output: z.object({
    echoed: z.string(),
    length: z.number().int(),
    note: z.string().nullable().describe('The note, or null when none was given'),
  }),
  annotations: readOnly,
  async handler(args, { services }) {
    services.ran.push('echo');
    const echoed = args.message.repeat(args.times);
    return {
      structured: { echoed, length: echoed.length, note: args.note ?? null },
      text: `echo: ${echoed}`,
    };
  },
});

export const whoamiTool = defineTestTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'Reports the identity the seam resolved for this call.',
  input: z.object({}),
  output: z.object({ subject: z.string(), on_behalf_of: z.string().nullable() }),
  annotations: readOnly,
  async handler(_args, { services, identity }) {
    services.ran.push('whoami');
    return {
      structured: { subject: identity.subject, on_behalf_of: identity.on_behalf_of?.subject ?? null },
    };
  },
});

export const refuseTool = defineTestTool({
  name: 'refuse',
  title: 'Refuse',
  description: 'Fails on purpose with a ToolError.',
  input: z.object({}),
  output: z.object({}),
  annotations: readOnly,
  async handler(_args, { services }) {
    services.ran.push('refuse');
    throw new ToolError('The widget is jammed.', { hint: 'Unjam it and call again.' });
  },
});

export const crashTool = defineTestTool({
  name: 'crash',
  title: 'Crash',
  description: 'Throws a plain Error, as a bug would.',
  input: z.object({}),
  output: z.object({}),
  annotations: readOnly,
  async handler(_args, { services }) {
    services.ran.push('crash');
    throw new Error('kaboom');
  },
});

export const wrongOutputTool = defineTestTool({
  name: 'wrong_output',
  title: 'Wrong output',
  description: 'Returns a result that does not match its output schema.',
  input: z.object({}),
  output: z.object({ count: z.number().int() }),
  annotations: readOnly,
  async handler(_args, { services }) {
    services.ran.push('wrong_output');
    return { structured: { count: 'three' as unknown as number } };
  },
});

export const slowTool = defineTestTool({
  name: 'slow',
  title: 'Slow',
  description: 'Waits five seconds unless its signal aborts first.',
  input: z.object({}),
  output: z.object({ waited: z.boolean() }),
  annotations: readOnly,
  async handler(_args, { services, signal }) {
    services.ran.push('slow');
    services.signals.push(signal);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { structured: { waited: true } };
  },
});

export const halfwayTool = defineTestTool({
  name: 'halfway',
  title: 'Halfway',
  description: 'Reports progress once, halfway through.',
  input: z.object({}),
  output: z.object({ done: z.boolean() }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async handler(_args, { services, progress }) {
    services.ran.push('halfway');
    await progress(1, 2, 'half');
    return { structured: { done: true } };
  },
});

export const allTestTools: readonly ToolDefinition<TestServices>[] = [
  echoTool,
  whoamiTool,
  refuseTool,
  crashTool,
  wrongOutputTool,
  slowTool,
  halfwayTool,
];

export interface Connected {
  client: Client;
  toolServer: ToolServer;
  services: TestServices;
  root: string;
  close: () => Promise<void>;
}

/** A tool server over a fresh temp root, connected to a real MCP client through linked memory transports. */
export async function connect(
  options: {
    tools?: readonly ToolDefinition<TestServices>[];
    prompts?: PromptSource<TestServices>;
    limits?: Partial<CallLimits>;
    /** Config sections as written in config.yaml; validated, defaults for the rest. */
    config?: Record<string, unknown>;
    now?: () => number;
    /** Written to <root>/.tandem/config.yaml before the server starts. */
    configYaml?: string;
  } = {},
): Promise<Connected> {
  const temp = await makeTempDir('tandem-seam-');
  const root = canonicalRoot(temp.dir);
  const services: TestServices = { ran: [], signals: [] };
  if (options.configYaml !== undefined) {
    await mkdir(path.join(root, '.tandem'), { recursive: true });
    await writeFile(path.join(root, '.tandem', 'config.yaml'), options.configYaml);
  }
  const toolServer = createToolServer({
    name: 'test-server',
    version: '0.0.1',
    instructions: 'Test tools.',
    root,
    tools: options.tools ?? allTestTools,
    services,
    logger: silentLogger,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.prompts ? { prompts: options.prompts } : {}),
    ...(options.config ? { config: tandemConfig.parse(options.config) as TandemConfig } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test-client', version: '0.0.1' });
  await toolServer.server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    toolServer,
    services,
    root,
    close: async () => {
      await client.close();
      await toolServer.server.close();
      await toolServer.audit.flush();
      await temp.remove();
    },
  };
}

/** The text of a call result's first content item. */
export function textOf(result: unknown): string {
  const first = (result as CallToolResult).content[0];
  return first?.type === 'text' ? first.text : '';
}
