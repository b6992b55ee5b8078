// RBAC through the seam: each caller's tools/list holds only what its role may call, and calling a
// hidden tool anyway is an isError naming the missing permission — before the handler runs.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from './support/audit-file.js';
import { policyTools } from './support/policy-tools.js';
import { type Connected, connect, textOf } from './support/test-tools.js';

let session: Connected | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

async function listedFor(config: Record<string, unknown>, meta?: Record<string, unknown>) {
  session = await connect({ tools: policyTools, config });
  const listing = await session.client.listTools(meta ? { _meta: meta } : undefined);
  return { names: listing.tools.map((tool) => tool.name), listing };
}

describe('tools/list per role', () => {
  it.each([
    ['viewer', ['peek', 'blob']],
    ['developer', ['peek', 'edit_file', 'run_check', 'blob']],
    ['maintainer', ['peek', 'edit_file', 'run_check', 'commit_changes', 'blob']],
  ])('shows a %s only its tools', async (role, expected) => {
    const { names, listing } = await listedFor({ identity: { role } });
    expect(names).toEqual(expected);
    expect(listing._meta?.['tandem/withheld_tools']).toBe(
      expected.length === policyTools.length ? undefined : policyTools.length - expected.length,
    );
  });

  it('lists the local user as a developer when the config says nothing', async () => {
    const { names } = await listedFor({});
    expect(names).toEqual(['peek', 'edit_file', 'run_check', 'blob']);
  });

  it("gives each tool's permission class in its _meta, and keeps Tandem's annotations off the wire", async () => {
    const { listing } = await listedFor({ identity: { role: 'maintainer' } });
    const classes = Object.fromEntries(
      listing.tools.map((tool) => [tool.name, tool._meta?.['tandem/permission']]),
    );
    expect(classes).toEqual({
      peek: 'read',
      edit_file: 'write',
      run_check: 'execute',
      commit_changes: 'commit',
      blob: 'read',
    });
    const run = listing.tools.find((tool) => tool.name === 'run_check');
    expect(Object.keys(run?.annotations ?? {}).sort()).toEqual([
      'destructiveHint',
      'idempotentHint',
      'openWorldHint',
      'readOnlyHint',
      'title',
    ]);
  });

  it('applies configured roles with allow and deny globs', async () => {
    const { names } = await listedFor({
      roles: { reviewer: { grants: ['read'], allow: ['run_*'], deny: ['b?ob'] } },
      identity: { role: 'reviewer' },
    });
    expect(names).toEqual(['peek', 'run_check']);
  });

  it('narrows the listing to the role of the principal a delegated request is made for', async () => {
    const { names } = await listedFor(
      { identity: { role: 'maintainer' } },
      { 'tandem/identity': { subject: 'vic', role: 'viewer' } },
    );
    expect(names).toEqual(['peek', 'blob']);
  });
});

describe('calling a tool the role does not grant', () => {
  it('is an isError naming the missing permission, and the handler never runs', async () => {
    session = await connect({ tools: policyTools, config: { identity: { role: 'viewer' } } });
    const result = (await session.client.callTool({ name: 'edit_file', arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^edit_file needs the write permission; role viewer grants read\. Roles that grant write: developer, maintainer\./,
    );
    expect(result._meta?.['tandem/refusal']).toEqual({
      reason: 'permission_denied',
      tool: 'edit_file',
      permission: 'write',
      role: 'viewer',
      granted: ['read'],
    });
    expect(session.services.ran).toEqual([]);
    const { records } = await readAudit(session);
    expect(records.map((record) => [record.tool, record.outcome, record.error?.type])).toEqual([
      ['edit_file', 'refused', 'PermissionDeniedError'],
    ]);
  });

  it('refuses a delegated call for a viewer even when the caller is a maintainer', async () => {
    session = await connect({ tools: policyTools, config: { identity: { role: 'maintainer' } } });
    const result = await session.client.callTool({
      name: 'commit_changes',
      arguments: {},
      _meta: { 'tandem/identity': { subject: 'vic', role: 'viewer' } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^commit_changes needs the commit permission; role viewer grants read \(the role of vic, for whom the call was made\)\./,
    );
    expect(session.services.ran).toEqual([]);
  });

  it('refuses a delegated call for a role nobody defined', async () => {
    session = await connect({ tools: policyTools });
    const result = await session.client.callTool({
      name: 'peek',
      arguments: {},
      _meta: { 'tandem/identity': { subject: 'eve', role: 'superuser' } },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Unknown role "superuser" \(the role of eve, for whom the call was made\): known roles are viewer, developer, maintainer\./,
    );
  });

  it('names only the tools the caller may use when the tool does not exist', async () => {
    session = await connect({ tools: policyTools, config: { identity: { role: 'viewer' } } });
    const result = await session.client.callTool({ name: 'no_such_tool', arguments: {} });
    expect(textOf(result)).toBe('Unknown tool "no_such_tool". This server has: peek, blob.');
  });
});
