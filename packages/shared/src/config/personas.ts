// The `personas` section: the specialists `consult_specialist` and the MCP prompts speak as, and how
// much repository context a consultation attaches. `define` overrides fields of a built-in persona by
// id, or adds a persona (then every field is required); the built-in personas live in the
// orchestrator (apps/orchestrator/src/specialists/built-in-personas.ts), only their ids here.
import { z } from 'zod';

/** Ids of the orchestrator's built-in personas, so a config can tell an override from a new persona. */
export const BUILT_IN_PERSONA_IDS = [
  'architect',
  'platform_expert',
  'devops_mlops',
  'sre',
  'security',
] as const;
export type BuiltInPersonaId = (typeof BUILT_IN_PERSONA_IDS)[number];

export const DEFAULT_CONSULTATION_BUDGET_TOKENS = 12000;
export const DEFAULT_MAX_FILE_TOKENS = 4000;
export const DEFAULT_MAX_QUESTION_CHARS = 8000;

export const PERSONA_ID_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

export const personaId = z
  .string()
  .max(32, 'must be at most 32 characters')
  .regex(PERSONA_ID_PATTERN, 'must be snake_case: lowercase letters and digits separated by single "_"');

/** A path or glob relative to the root (picomatch syntax), e.g. "flake.nix" or ".github/workflows/**". */
export const contextHint = z
  .string()
  .min(1)
  .max(300)
  .refine((value) => !value.startsWith('/') && !/^[A-Za-z]:/.test(value), {
    message: 'must be relative to the workspace root',
  })
  .refine((value) => !value.split(/[\\/]/).includes('..'), { message: 'may not leave the workspace root' });

const REQUIRED_FOR_NEW = ['title', 'focus', 'when_to_use', 'context_hints', 'system_prompt'] as const;

export const personaFields = z.strictObject({
  title: z.string().trim().min(1).max(80).optional(),
  focus: z.string().trim().min(1).max(500).optional().describe('What the persona knows and looks at'),
  when_to_use: z.string().trim().min(1).max(500).optional().describe('When an agent should consult it'),
  context_hints: z
    .array(contextHint)
    .max(50)
    .optional()
    .describe('Paths or globs of the files it should see; those that exist are attached to a consultation'),
  system_prompt: z.string().trim().min(1).max(20000).optional(),
});

export type PersonaFields = z.output<typeof personaFields>;

export const personasSection = z
  .strictObject({
    budget_tokens: z
      .number()
      .int()
      .min(1000)
      .max(1_000_000)
      .default(DEFAULT_CONSULTATION_BUDGET_TOKENS)
      .describe(
        'Tokens a consultation may use in all: system prompt, question, history and attached context',
      ),
    max_file_tokens: z
      .number()
      .int()
      .min(100)
      .max(200_000)
      .default(DEFAULT_MAX_FILE_TOKENS)
      .describe('Tokens of one attached file; a longer one is cut with a marker'),
    max_question_chars: z
      .number()
      .int()
      .min(100)
      .max(200_000)
      .default(DEFAULT_MAX_QUESTION_CHARS)
      .describe('Longest question a consultation accepts'),
    define: z
      .record(personaId, personaFields)
      .default({})
      .describe('Personas by id: fields of a built-in one to override, or a new one with every field'),
  })
  .superRefine((section, ctx) => {
    const builtIn: readonly string[] = BUILT_IN_PERSONA_IDS;
    for (const [id, fields] of Object.entries(section.define)) {
      if (builtIn.includes(id)) continue;
      const missing = REQUIRED_FOR_NEW.filter((field) => fields[field] === undefined);
      if (missing.length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['define', id],
          message: `"${id}" is not a built-in persona (${BUILT_IN_PERSONA_IDS.join(', ')}), so it needs every field; missing: ${missing.join(', ')}`,
        });
      }
    }
  });

export type PersonasConfig = z.output<typeof personasSection>;
