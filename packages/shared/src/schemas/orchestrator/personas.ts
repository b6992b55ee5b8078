// `list_personas`: the specialists `consult_specialist` and the MCP prompts speak as.
import { z } from 'zod';

export const PERSONA_SOURCES = ['built_in', 'config', 'override'] as const;

export const listPersonasInput = z.object({
  id: z.string().min(1).max(64).optional().describe('One persona only'),
  include_system_prompt: z.boolean().default(false).describe('Also return each system prompt (long)'),
});

export const personaSummary = z.object({
  id: z.string().describe('The role for consult_specialist and the name of its MCP prompt'),
  title: z.string(),
  focus: z.string(),
  when_to_use: z.string(),
  source: z
    .enum(PERSONA_SOURCES)
    .describe('built_in as shipped; override: a built-in changed by the config; config: added by the config'),
  context_hints: z.array(z.string()).describe('Paths or globs of the files it should see'),
  present_hints: z
    .array(
      z.object({
        hint: z.string(),
        files: z.array(z.string()).describe('Matching files (at most 10)'),
        file_count: z.number().int(),
      }),
    )
    .describe('The hints that match a file in this repository'),
  system_prompt: z.string().optional(),
});

export const listPersonasOutput = z.object({
  personas: z.array(personaSummary),
});
