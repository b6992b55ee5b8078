// RBAC on its own: permission classes from annotations, default roles, allow/deny globs, unknown
// roles, and delegation narrowing what a caller may do.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES, rolesSection } from '../src/config/roles.js';
import type { Identity } from '../src/governance/identity.js';
import { permissionOf, Rbac } from '../src/governance/rbac.js';
import { PolicyRefusal } from '../src/governance/refusal.js';
import { compileToolGlob } from '../src/governance/tool-glob.js';

const hints = { destructiveHint: false, idempotentHint: true, openWorldHint: false };
const as = (role: string, onBehalfOf?: { subject: string; role: string }): Identity => ({
  subject: 'sam',
  role,
  transport: 'stdio',
  ...(onBehalfOf ? { on_behalf_of: onBehalfOf } : {}),
});

function refusalOf(rbac: Rbac, identity: Identity, tool: string, permission: Parameters<Rbac['check']>[2]) {
  try {
    rbac.check(identity, tool, permission);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyRefusal);
    return error as PolicyRefusal;
  }
  throw new Error(`${tool} was allowed`);
}

describe('permission classes', () => {
  it('derives read, write, execute and commit from the annotations', () => {
    expect(permissionOf({ readOnlyHint: true, ...hints })).toBe('read');
    expect(permissionOf({ readOnlyHint: false, ...hints })).toBe('write');
    expect(permissionOf({ readOnlyHint: false, ...hints, destructiveHint: true })).toBe('write');
    // A read-only tool that starts processes needs execute: the process may run project code.
    expect(permissionOf({ readOnlyHint: true, ...hints, runsCommands: true })).toBe('execute');
    expect(permissionOf({ readOnlyHint: false, ...hints, runsCommands: true, commits: true })).toBe('commit');
  });
});

describe('tool globs', () => {
  it('matches * and ? over whole names and nothing else as a pattern', () => {
    expect(compileToolGlob('ast_*').test('ast_rewrite')).toBe(true);
    expect(compileToolGlob('ast_*').test('last_ast')).toBe(false);
    expect(compileToolGlob('l?nt').test('lint')).toBe(true);
    expect(compileToolGlob('lint').test('lint_all')).toBe(false);
    expect(compileToolGlob('*').test('anything_at_all')).toBe(true);
  });
});

describe('default roles', () => {
  const rbac = new Rbac(DEFAULT_ROLES);
  it('gives viewer read, developer read/write/execute, maintainer everything', () => {
    const table = (['viewer', 'developer', 'maintainer'] as const).map((role) =>
      (['read', 'write', 'execute', 'commit'] as const).filter((permission) =>
        rbac.allows(as(role), 'some_tool', permission),
      ),
    );
    expect(table).toEqual([['read'], ['read', 'write', 'execute'], ['read', 'write', 'execute', 'commit']]);
  });

  it('names the missing permission and what the role grants', () => {
    const refusal = refusalOf(rbac, as('viewer'), 'ast_rewrite', 'write');
    expect(refusal.message).toBe('ast_rewrite needs the write permission; role viewer grants read.');
    expect(refusal.hint).toMatch(/^Roles that grant write: developer, maintainer\. /);
    expect(refusal.name).toBe('PermissionDeniedError');
    expect(refusal.details).toEqual({
      reason: 'permission_denied',
      tool: 'ast_rewrite',
      permission: 'write',
      role: 'viewer',
      granted: ['read'],
    });
    expect(refusalOf(rbac, as('developer'), 'commit_changes', 'commit').message).toBe(
      'commit_changes needs the commit permission; role developer grants read, write, execute.',
    );
  });

  it('refuses an unknown role, naming the known ones', () => {
    const refusal = refusalOf(rbac, as('guest'), 'peek', 'read');
    expect(refusal.message).toBe('Unknown role "guest": known roles are viewer, developer, maintainer.');
    expect(refusal.details.reason).toBe('unknown_role');
  });
});

describe('configured roles', () => {
  const roles = rolesSection.parse({
    viewer: { grants: ['read'], allow: ['lint'], deny: ['scan_*'] },
    auditor: { allow: ['peek', 'list_?anguages'] },
  });
  const rbac = new Rbac(roles);

  it('keeps the defaults it does not replace and adds new roles', () => {
    expect(rbac.roleNames).toEqual(['viewer', 'developer', 'maintainer', 'auditor']);
    expect(rbac.allows(as('developer'), 'ast_rewrite', 'write')).toBe(true);
  });

  it('allows by glob whatever the class, and deny wins over grants', () => {
    expect(rbac.allows(as('viewer'), 'lint', 'execute')).toBe(true);
    expect(rbac.allows(as('viewer'), 'ast_search', 'read')).toBe(true);
    const denied = refusalOf(rbac, as('viewer'), 'scan_secrets', 'read');
    expect(denied.message).toBe('scan_secrets is denied to role viewer by its deny pattern "scan_*".');
    expect(denied.details).toMatchObject({ reason: 'permission_denied', deny: 'scan_*' });
  });

  it('gives a role without grants only its allowed tools', () => {
    expect(rbac.allows(as('auditor'), 'peek', 'read')).toBe(true);
    expect(rbac.allows(as('auditor'), 'list_languages', 'read')).toBe(true);
    expect(refusalOf(rbac, as('auditor'), 'ast_search', 'read').message).toBe(
      'ast_search needs the read permission; role auditor grants nothing.',
    );
  });
});

describe('delegation', () => {
  const rbac = new Rbac(DEFAULT_ROLES);

  it("checks the role of the principal a call is made for, as well as the caller's", () => {
    const refusal = refusalOf(
      rbac,
      as('developer', { subject: 'vic', role: 'viewer' }),
      'ast_rewrite',
      'write',
    );
    expect(refusal.message).toBe(
      'ast_rewrite needs the write permission; role viewer grants read (the role of vic, for whom the call was made).',
    );
    expect(refusal.details).toMatchObject({ role: 'viewer', delegated: true });
    expect(rbac.allows(as('developer', { subject: 'vic', role: 'viewer' }), 'ast_search', 'read')).toBe(true);
  });

  it('never widens what the caller itself may do', () => {
    const refusal = refusalOf(
      rbac,
      as('viewer', { subject: 'max', role: 'maintainer' }),
      'ast_rewrite',
      'write',
    );
    expect(refusal.message).toBe('ast_rewrite needs the write permission; role viewer grants read.');
  });

  it('refuses a principal with an unknown role', () => {
    const refusal = refusalOf(rbac, as('developer', { subject: 'eve', role: 'root' }), 'peek', 'read');
    expect(refusal.details).toMatchObject({ reason: 'unknown_role', role: 'root', delegated: true });
  });
});
