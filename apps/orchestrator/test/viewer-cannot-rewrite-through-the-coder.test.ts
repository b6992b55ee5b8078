// Delegation carries identity and the coder enforces the same policy: a viewer who reaches the real
// coder through an orchestrator tool cannot rewrite code, though the coder's own local role could.
// The orchestrator has no product tool that delegates a rewrite yet, so a test-only tool does it
// through `delegate`, exactly as a product tool will.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createLogger, createToolServer, PolicyRefusal, tandemConfig, toolDefiner } from '@tandem/shared';
import { astRewriteInput, astRewriteOutput } from '@tandem/shared/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoderClient } from '../src/coder-client/coder-client.js';
import { delegate } from '../src/coder-client/delegate.js';
import { connectOrchestrator } from './support/orchestrator.js';
import { coderMain } from './support/paths.js';

const SOURCE = 'const a = 1;\nconsole.log(a);\n';
const REWRITE = { pattern: 'console.log($A)', rewrite: 'logger.info($A)', language: 'typescript' };

const defineTool = toolDefiner<{ coder: CoderClient }>();
// Read-class on purpose: the orchestrator lets a viewer call it, so only the coder can stop the rewrite.
const rewriteViaCoder = defineTool({
  name: 'rewrite_via_coder',
  title: 'Rewrite via coder',
  description: 'Test tool: delegates ast_rewrite to the coder.',
  input: astRewriteInput,
  output: astRewriteOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, context) {
    return { structured: await delegate(context, 'ast_rewrite', args) };
  },
});

let root: string;
let coder: CoderClient;
const logger = createLogger('delegation-policy-test', 'error');

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-delegation-policy-'));
  await mkdir(path.join(root, 'src'));
  await writeFile(path.join(root, 'src', 'a.ts'), SOURCE);
  // No config file: the coder's own local user is a developer, who may rewrite.
  coder = new CoderClient({ root, entry: coderMain, logger, clientVersion: '0.0.0-test', pingIntervalMs: 0 });
});

afterEach(async () => {
  await coder.close();
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

/** A client of an orchestrator-like server whose local user has `role`, with the test tool. */
async function orchestratorAs(role: string): Promise<Client> {
  const { server } = createToolServer({
    name: 'delegation-policy-test',
    version: '0.0.0',
    instructions: '',
    root,
    tools: [rewriteViaCoder],
    services: { coder },
    logger,
    config: tandemConfig.parse({ identity: { role } }),
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'delegation-policy-client', version: '0.0.0' });
  await client.connect(clientSide);
  return client;
}

describe('a viewer delegating a rewrite', () => {
  it('is refused by the coder with the missing permission, and nothing is written', async () => {
    const client = await orchestratorAs('viewer');
    const result = (await client.callTool({
      name: 'rewrite_via_coder',
      arguments: { ...REWRITE, apply: true },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result.content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(
        /^ast_rewrite needs the write permission; role viewer grants read \(the role of .+, for whom the call was made\)\./,
      ),
    });
    // The coder's refusal details reach the orchestrator's caller.
    expect(result._meta?.['tandem/refusal']).toMatchObject({
      reason: 'permission_denied',
      tool: 'ast_rewrite',
      permission: 'write',
      role: 'viewer',
      delegated: true,
    });
    expect(await readFile(path.join(root, 'src', 'a.ts'), 'utf8')).toBe(SOURCE);
    await client.close();
  });

  it('goes through for a developer, so the refusal was the role', async () => {
    const client = await orchestratorAs('developer');
    const result = await client.callTool({ name: 'rewrite_via_coder', arguments: REWRITE });
    expect(result.isError).toBeFalsy();
    expect(JSON.stringify(result.structuredContent)).toContain('logger.info(a)');
    await client.close();
  });

  it('is refused when CoderClient calls on behalf of a viewer directly', async () => {
    const call = coder.call(
      'ast_rewrite',
      { ...REWRITE, apply: false },
      {
        onBehalfOf: { subject: 'vic', role: 'viewer' },
      },
    );
    await expect(call).rejects.toBeInstanceOf(PolicyRefusal);
    await expect(call).rejects.toThrow(
      'ast_rewrite needs the write permission; role viewer grants read (the role of vic, for whom the call was made).',
    );
    // A read tool is fine for the same viewer.
    const search = await coder.call(
      'ast_search',
      { pattern: 'console.log($A)' },
      {
        onBehalfOf: { subject: 'vic', role: 'viewer' },
      },
    );
    expect(search.matches).toHaveLength(1);
  });
});

describe('an orchestrator whose local user is a viewer', () => {
  it('still starts its coder, which shows it only the tools a viewer may use', async () => {
    await mkdir(path.join(root, '.tandem'));
    await writeFile(path.join(root, '.tandem', 'config.yaml'), 'identity:\n  role: viewer\n');
    const orchestrator = await connectOrchestrator(root);
    try {
      const status = await orchestrator.status();
      expect(status.coder.state).toBe('ready');
      expect(status.coder.tools).not.toContain('ast_rewrite');
      expect(status.coder.tools).not.toContain('lint');
      expect(status.coder.tools).toContain('ast_search');
    } finally {
      await orchestrator.close();
    }
  });
});
