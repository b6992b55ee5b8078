// One MCP prompt per persona, named by its id: the persona's system prompt and the question with the
// repository context attached, as buildConsultation assembles it for consult_specialist. MCP prompt
// messages have no system role, so the persona's instructions come as the first user message.
import type { PromptDefinition, PromptSource } from '@tandem/shared';
import type { OrchestratorServices } from '../tools/define.js';
import { buildConsultation } from './consultation.js';
import { listPersonas, type Persona } from './personas.js';

/** `files` arrives as one string: paths separated by commas or newlines. */
export function splitFiles(files: string | undefined): string[] {
  return (files ?? '')
    .split(/[,\n]/)
    .map((file) => file.trim())
    .filter((file) => file !== '');
}

function personaPrompt(persona: Persona): PromptDefinition<OrchestratorServices> {
  return {
    name: persona.id,
    title: persona.title,
    description: `${persona.focus} When: ${persona.when_to_use}`,
    arguments: [
      { name: 'question', description: 'What to ask the specialist', required: true },
      {
        name: 'files',
        description: 'Files to attach in full, relative to the root, separated by commas',
        required: false,
      },
    ],
    async handler(args, context) {
      const consultation = await buildConsultation(
        { ...context, progress: async () => {} },
        { persona, question: args.question ?? '', files: splitFiles(args.files) },
      );
      return {
        description: `${persona.title}: ${consultation.attached.length} attachments, ${consultation.tokens}/${consultation.budget_tokens} tokens`,
        messages: [
          {
            role: 'user',
            content: {
              type: 'text',
              text: `Answer the next message in the role described here.\n\n${consultation.system}`,
            },
          },
          { role: 'user', content: { type: 'text', text: consultation.prompt } },
        ],
      };
    },
  };
}

export const personaPrompts: PromptSource<OrchestratorServices> = ({ services }) =>
  listPersonas(services.config).map(personaPrompt);
