// `roles:` — what each role may do. A role grants permission classes (derived from each tool's
// annotations, see governance/rbac.ts) and may allow or deny single tools by name or glob. Roles
// defined here replace the default role of the same name; new names add roles.
import { z } from 'zod';

export const PERMISSION_CLASSES = ['read', 'write', 'execute', 'commit'] as const;
export type PermissionClass = (typeof PERMISSION_CLASSES)[number];

export const roleName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'must be lowercase letters, digits, "_" or "-", starting with a letter');

/**
 * A tool name, or a glob over tool names. Tool names are snake_case with no separators, so only `*`
 * (any run of characters) and `?` (one character) mean anything; see governance/tool-glob.ts.
 */
export const toolNameGlob = z
  .string()
  .regex(/^[a-z0-9_*?]+$/, 'must be a tool name or a glob of one (lowercase letters, digits, "_", "*", "?")');

export const roleConfig = z.strictObject({
  grants: z.array(z.enum(PERMISSION_CLASSES)).default([]).describe('Permission classes the role grants'),
  allow: z.array(toolNameGlob).default([]).describe('Tools allowed whatever their class'),
  deny: z.array(toolNameGlob).default([]).describe('Tools refused whatever the grants and allows'),
});

export type RoleConfig = z.output<typeof roleConfig>;

export const DEFAULT_ROLES: Readonly<Record<string, RoleConfig>> = {
  viewer: { grants: ['read'], allow: [], deny: [] },
  developer: { grants: ['read', 'write', 'execute'], allow: [], deny: [] },
  maintainer: { grants: ['read', 'write', 'execute', 'commit'], allow: [], deny: [] },
};

/** The effective roles: the defaults, with the configured ones replacing or adding by name. */
export const rolesSection = z
  .record(roleName, roleConfig)
  .transform((configured): Record<string, RoleConfig> => ({ ...DEFAULT_ROLES, ...configured }))
  .default({ ...DEFAULT_ROLES });

interface RoleReferences {
  roles: Record<string, unknown>;
  identity: { role: string };
  budgets: { roles: Record<string, unknown> };
}

/**
 * Sections that name a role must name one that exists. Checked on the whole config, after each
 * section parsed, so the error carries the key path of the bad reference.
 */
export function checkRoleReferences(config: RoleReferences, ctx: z.RefinementCtx): void {
  const known = Object.keys(config.roles);
  const unknown = (role: string, path: PropertyKey[]) =>
    ctx.addIssue({
      code: 'custom',
      path,
      message: `"${role}" is not a role (known: ${known.join(', ')}); define it under roles:`,
    });
  if (!known.includes(config.identity.role)) unknown(config.identity.role, ['identity', 'role']);
  for (const role of Object.keys(config.budgets.roles))
    if (!known.includes(role)) unknown(role, ['budgets', 'roles', role]);
}
