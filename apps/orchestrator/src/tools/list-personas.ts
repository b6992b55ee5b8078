import { listPersonasInput, listPersonasOutput } from '@tandem/shared/schemas';
import { matchHints } from '../specialists/hint-files.js';
import { findPersona, listPersonas } from '../specialists/personas.js';
import { defineOrchestratorTool } from './define.js';

const FILES_SHOWN = 10;

export const listPersonasTool = defineOrchestratorTool({
  name: 'list_personas',
  title: 'List personas',
  description:
    'Specialists for consult_specialist (and MCP prompts of the same name): focus, when to use, context hints found here.',
  input: listPersonasInput,
  output: listPersonasOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root }) {
    const personas =
      args.id === undefined ? listPersonas(services.config) : [findPersona(services.config, args.id)];
    const summaries = await Promise.all(
      personas.map(async ({ system_prompt, ...persona }) => {
        const matches = await matchHints(root, persona.context_hints);
        return {
          ...persona,
          present_hints: matches
            .filter((match) => match.files.length > 0)
            .map((match) => ({
              hint: match.hint,
              files: match.files.slice(0, FILES_SHOWN),
              file_count: match.files.length,
            })),
          ...(args.include_system_prompt ? { system_prompt } : {}),
        };
      }),
    );
    const text = summaries
      .map((persona) => {
        const found = persona.present_hints.flatMap((match) => match.files);
        const head = `${persona.id}${persona.source === 'built_in' ? '' : ` (${persona.source})`}: ${persona.title}. ${persona.focus}`;
        const lines = [
          head,
          `  when: ${persona.when_to_use}`,
          `  sees here: ${found.length > 0 ? found.join(', ') : 'none of its hinted files'}`,
        ];
        if (persona.system_prompt) lines.push(`  system prompt:\n${persona.system_prompt}`);
        return lines.join('\n');
      })
      .join('\n');
    return { structured: { personas: summaries }, text };
  },
});
