// The schema of `.tandem/config.yaml`: one object with a section per concern. Later issues add their
// sections (roles, budgets, tasks, personas) to CONFIG_SECTIONS; each section owns its keys.
import { z } from 'zod';
import { auditConfig } from './audit.js';
import { authSection } from './auth.js';
import { budgetsSection } from './budgets.js';
import { contextConfig } from './context.js';
import { gitSection } from './git.js';
import { identitySection } from './identity.js';
import { modelsSection } from './models.js';
import { personasSection } from './personas.js';
import { planSection } from './plan.js';
import { rateLimitsSection } from './rate-limits.js';
import { redactionConfig } from './redaction.js';
import { refactorSection } from './refactor.js';
import { checkRoleReferences, rolesSection } from './roles.js';
import { tasksSection } from './tasks.js';

const singleCharacter = z
  .string()
  .refine((value) => [...value].length === 1, { message: 'must be exactly one character' });

const extension = z
  .string()
  .trim()
  .transform((value) => value.replace(/^\./, '').toLowerCase())
  .refine((value) => /^[a-z0-9_+-]+$/.test(value), {
    message: 'must be a file extension such as "nix" or ".nix"',
  });

/** A tree-sitter grammar the project brings: a shared library and the extensions it parses. */
export const languageConfig = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_-]*$/, 'must be lowercase letters, digits, "_" or "-", starting with a letter'),
  library_path: z
    .string()
    .min(1)
    .describe('The compiled grammar: absolute, or relative to the workspace root'),
  extensions: z.array(extension).min(1, 'must list at least one extension'),
  language_symbol: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a C identifier')
    .optional()
    .describe('The function the library exports; default tree_sitter_<name>'),
  expando_char: singleCharacter
    .optional()
    .describe('Stands in for the metavariable character where the grammar cannot parse it'),
  meta_var_char: singleCharacter.optional().describe('Starts a metavariable in patterns; default $'),
});

const languagesSection = z.array(languageConfig).superRefine((languages, ctx) => {
  const names = new Map<string, number>();
  const extensions = new Map<string, string>();
  languages.forEach((lang, index) => {
    if (names.has(lang.name)) {
      ctx.addIssue({
        code: 'custom',
        path: [index, 'name'],
        message: `"${lang.name}" is already defined by languages[${names.get(lang.name)}]`,
      });
    }
    names.set(lang.name, index);
    lang.extensions.forEach((ext, extIndex) => {
      const owner = extensions.get(ext);
      if (owner !== undefined && owner !== lang.name) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'extensions', extIndex],
          message: `".${ext}" is already claimed by language "${owner}"`,
        });
      }
      extensions.set(ext, lang.name);
    });
  });
});

export const CONFIG_SECTIONS = {
  languages: languagesSection.default([]),
  roles: rolesSection,
  identity: identitySection,
  budgets: budgetsSection,
  rate_limits: rateLimitsSection,
  auth: authSection.prefault({}),
  redaction: redactionConfig.prefault({}),
  audit: auditConfig.prefault({}),
  git: gitSection.prefault({}),
  tasks: tasksSection.prefault({}),
  refactor: refactorSection,
  context: contextConfig.prefault({}),
  personas: personasSection.prefault({}),
  models: modelsSection.prefault({}),
  plan: planSection,
};

export const tandemConfig = z.object(CONFIG_SECTIONS).superRefine(checkRoleReferences);

export type TandemConfig = z.output<typeof tandemConfig>;
export type LanguageConfig = z.output<typeof languageConfig>;
