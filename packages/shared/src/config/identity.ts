// `identity:` — who the local user is over stdio. The role applies to every call the user makes
// through a client that spawned the server; callers over HTTP get theirs from their token instead.
import { z } from 'zod';
import { roleName } from './roles.js';

export const DEFAULT_LOCAL_ROLE = 'developer';

export const identitySection = z
  .strictObject({
    role: roleName.default(DEFAULT_LOCAL_ROLE).describe('Role of the local user over stdio'),
  })
  .default({ role: DEFAULT_LOCAL_ROLE });

export type IdentityConfig = z.output<typeof identitySection>;
