import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { coderTools } from '@tandem/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, SAMPLE_REPO } from './support/coder.js';

describe('tools/list of the coder', () => {
  let session: CoderSession;
  let tools: Tool[];
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
    ({ tools } = await session.client.listTools());
  });
  afterAll(async () => {
    await session.close();
  });

  it('lists exactly the tools of the shared coder contract', () => {
    expect(tools.map((tool) => tool.name).sort()).toEqual(Object.keys(coderTools).sort());
  });

  it('marks the read-only tools read-only, non-destructive and closed-world', () => {
    for (const tool of tools.filter((t) => coderTools[t.name as keyof typeof coderTools].readOnly)) {
      expect(tool.annotations, tool.name).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.description, tool.name).toBeTruthy();
    }
  });

  it('gives dump_syntax_tree input and output schemas', () => {
    const dump = tools.find((tool) => tool.name === 'dump_syntax_tree');
    expect(Object.keys(dump?.inputSchema.properties ?? {})).toEqual([
      'code',
      'path',
      'language',
      'format',
      'max_nodes',
    ]);
    expect(dump?.inputSchema.properties?.format).toMatchObject({
      enum: ['cst', 'ast', 'pattern'],
      default: 'ast',
    });
    expect(dump?.outputSchema?.required).toEqual(
      expect.arrayContaining([
        'language',
        'format',
        'tree',
        'node_count',
        'truncated',
        'has_errors',
        'errors',
      ]),
    );
  });

  it('names the server tandem-coder', () => {
    expect(session.client.getServerVersion()?.name).toBe('tandem-coder');
  });
});
