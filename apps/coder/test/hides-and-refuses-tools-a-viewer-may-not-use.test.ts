// RBAC on the real coder: a local user whose config role is viewer does not see ast_rewrite or lint
// (write and execute), and a call to ast_rewrite anyway is refused before anything is read or written.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, makeTempDir, textOf, writeTree } from './support/coder.js';

const SOURCE = 'const a = 1;\nconsole.log(a);\n';

describe('a viewer on the coder', () => {
  let session: CoderSession | undefined;
  let temp: { dir: string; remove: () => Promise<void> } | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
    await temp?.remove();
  });

  async function startAs(role: string | undefined) {
    temp = await makeTempDir();
    await writeTree(temp.dir, {
      'src/a.ts': SOURCE,
      ...(role ? { '.tandem/config.yaml': `identity:\n  role: ${role}\n` } : {}),
    });
    session = await connectCoder(temp.dir);
    return session;
  }

  it('lists only the read tools', async () => {
    const { client } = await startAs('viewer');
    const { tools, _meta } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'ast_search',
      'dump_syntax_tree',
      'list_languages',
      'scan_secrets',
      'test_rule',
      'validate_syntax',
    ]);
    expect(_meta?.['tandem/withheld_tools']).toBe(2);
  });

  it('is refused ast_rewrite with the missing permission, and the file stays as it was', async () => {
    const { client } = await startAs('viewer');
    const result = (await client.callTool({
      name: 'ast_rewrite',
      arguments: {
        pattern: 'console.log($A)',
        rewrite: 'logger.info($A)',
        language: 'typescript',
        apply: true,
      },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^ast_rewrite needs the write permission; role viewer grants read\. /);
    expect(result._meta?.['tandem/refusal']).toMatchObject({
      reason: 'permission_denied',
      permission: 'write',
      role: 'viewer',
    });
    expect(await readFile(path.join(temp!.dir, 'src/a.ts'), 'utf8')).toBe(SOURCE);
  });

  it('lists lint as execute and ast_rewrite as write for the default developer', async () => {
    const { client } = await startAs(undefined);
    const { tools } = await client.listTools();
    const classes = Object.fromEntries(tools.map((tool) => [tool.name, tool._meta?.['tandem/permission']]));
    expect(classes).toMatchObject({ lint: 'execute', ast_rewrite: 'write', ast_search: 'read' });
    expect(Object.keys(classes)).toHaveLength(8);
  });
});
