// The effective personas: the built-in ones with the config's overrides applied, then the personas
// the config adds. Resolved from the loaded config on every call, so tools and prompts agree.
import { BUILT_IN_PERSONA_IDS, type TandemConfig, ToolError } from '@tandem/shared';
import { BUILT_IN_PERSONAS, type PersonaData } from './built-in-personas.js';

export type PersonaSource = 'built_in' | 'config' | 'override';

export interface Persona extends PersonaData {
  /** snake_case; also the name of the persona's MCP prompt. */
  id: string;
  /** built_in as shipped, override when the config changes fields of a built-in one, config when it adds it. */
  source: PersonaSource;
}

export function listPersonas(config: TandemConfig): Persona[] {
  const defined = config.personas.define;
  const builtIn = BUILT_IN_PERSONA_IDS.map((id): Persona => {
    const override = defined[id];
    const base: Persona = { id, ...BUILT_IN_PERSONAS[id], source: 'built_in' };
    if (!override) return base;
    const fields = Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
    return { ...base, ...fields, source: 'override' };
  });
  const added = Object.entries(defined)
    .filter(([id]) => !(BUILT_IN_PERSONA_IDS as readonly string[]).includes(id))
    .map(([id, fields]): Persona => {
      // The config schema refuses a new persona that lacks a field, so these are all present.
      const { title, focus, when_to_use, context_hints, system_prompt } = fields;
      if (!title || !focus || !when_to_use || !context_hints || !system_prompt) {
        throw new Error(
          `Persona "${id}" in the config lacks a field: the config schema should have refused it.`,
        );
      }
      return { id, title, focus, when_to_use, context_hints, system_prompt, source: 'config' };
    });
  return [...builtIn, ...added];
}

/** The persona `id`; ToolError listing the known ids when there is none. */
export function findPersona(config: TandemConfig, id: string): Persona {
  const personas = listPersonas(config);
  const persona = personas.find((candidate) => candidate.id === id);
  if (!persona) {
    throw new ToolError(`Unknown persona "${id}".`, {
      hint: `Known personas: ${personas.map((known) => known.id).join(', ')} (list_personas describes them; add one under personas.define in .tandem/config.yaml).`,
    });
  }
  return persona;
}
