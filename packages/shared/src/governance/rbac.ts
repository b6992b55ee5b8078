// RBAC stage: may this identity use this tool? A tool's permission class comes from its annotations:
//   commit   — `commits: true` (a tool that commits to version control);
//   execute  — `runsCommands: true` (starts processes: linters, project tasks, validation runs);
//   read     — `readOnlyHint: true` and neither of the above;
//   write    — everything else (it changes the workspace).
// A role allows a tool when it grants the class or an allow glob matches the name, and no deny glob
// does. A delegated call is checked for both the direct caller and the principal it acts for, so
// delegation can narrow what a caller may do but never widen it.
import { PERMISSION_CLASSES, type PermissionClass, type RoleConfig } from '../config/roles.js';
import type { ToolAnnotations } from '../seam/define-tool.js';
import type { Identity, Principal } from './identity.js';
import { PolicyRefusal } from './refusal.js';
import { compileToolGlob } from './tool-glob.js';

export function permissionOf(annotations: ToolAnnotations): PermissionClass {
  if (annotations.commits) return 'commit';
  if (annotations.runsCommands) return 'execute';
  return annotations.readOnlyHint ? 'read' : 'write';
}

interface Pattern {
  glob: string;
  regex: RegExp;
}

interface CompiledRole {
  grants: ReadonlySet<PermissionClass>;
  allow: Pattern[];
  deny: Pattern[];
}

const compile = (globs: readonly string[]): Pattern[] =>
  globs.map((glob) => ({ glob, regex: compileToolGlob(glob) }));

/** The principals a call is checked for: the caller, then whoever it acts for. */
export function principalsOf(identity: Identity): Array<Principal & { delegated: boolean }> {
  const self = { subject: identity.subject, role: identity.role, delegated: false };
  return identity.on_behalf_of ? [self, { ...identity.on_behalf_of, delegated: true }] : [self];
}

export class Rbac {
  private readonly roles = new Map<string, CompiledRole>();

  constructor(roles: Readonly<Record<string, RoleConfig>>) {
    for (const [name, role] of Object.entries(roles)) {
      this.roles.set(name, {
        grants: new Set(role.grants),
        allow: compile(role.allow),
        deny: compile(role.deny),
      });
    }
  }

  get roleNames(): string[] {
    return [...this.roles.keys()];
  }

  /** Why `identity` may not call `tool`, or undefined when it may. */
  refusal(identity: Identity, tool: string, permission: PermissionClass): PolicyRefusal | undefined {
    for (const principal of principalsOf(identity)) {
      const refusal = this.refusalFor(principal, tool, permission);
      if (refusal) return refusal;
    }
    return undefined;
  }

  /** Throws the refusal when `identity` may not call `tool`. */
  check(identity: Identity, tool: string, permission: PermissionClass): void {
    const refusal = this.refusal(identity, tool, permission);
    if (refusal) throw refusal;
  }

  allows(identity: Identity, tool: string, permission: PermissionClass): boolean {
    return this.refusal(identity, tool, permission) === undefined;
  }

  private refusalFor(
    principal: Principal & { delegated: boolean },
    tool: string,
    permission: PermissionClass,
  ): PolicyRefusal | undefined {
    const { role: roleName } = principal;
    const whose = principal.delegated
      ? ` (the role of ${principal.subject}, for whom the call was made)`
      : '';
    const details = { tool, permission, role: roleName, ...(principal.delegated ? { delegated: true } : {}) };
    const role = this.roles.get(roleName);
    if (!role) {
      return new PolicyRefusal(
        'UnknownRoleError',
        `Unknown role "${roleName}"${whose}: known roles are ${this.roleNames.join(', ')}.`,
        { reason: 'unknown_role', ...details },
        'Define the role under roles: in .tandem/config.yaml, or give the caller a known role.',
      );
    }
    const denied = role.deny.find((pattern) => pattern.regex.test(tool));
    if (denied) {
      return new PolicyRefusal(
        'PermissionDeniedError',
        `${tool} is denied to role ${roleName}${whose} by its deny pattern "${denied.glob}".`,
        { reason: 'permission_denied', ...details, deny: denied.glob },
        `Remove the pattern from roles.${roleName}.deny in .tandem/config.yaml, or use another role.`,
      );
    }
    if (role.grants.has(permission) || role.allow.some((pattern) => pattern.regex.test(tool)))
      return undefined;
    const granted = PERMISSION_CLASSES.filter((name) => role.grants.has(name));
    const granting = [...this.roles]
      .filter(([, other]) => other.grants.has(permission))
      .map(([name]) => name);
    return new PolicyRefusal(
      'PermissionDeniedError',
      `${tool} needs the ${permission} permission; role ${roleName} grants ${granted.join(', ') || 'nothing'}${whose}.`,
      { reason: 'permission_denied', ...details, granted },
      `${granting.length > 0 ? `Roles that grant ${permission}: ${granting.join(', ')}. ` : ''}` +
        `A maintainer can also allow "${tool}" under roles.${roleName}.allow in .tandem/config.yaml.`,
    );
  }
}
