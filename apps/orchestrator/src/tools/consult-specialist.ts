import { consultSpecialistInput, consultSpecialistOutput } from '@tandem/shared/schemas';
import { consultSpecialist } from '../specialists/consult.js';
import { defineOrchestratorTool } from './define.js';

export const consultSpecialistTool = defineOrchestratorTool({
  name: 'consult_specialist',
  title: 'Consult a specialist',
  description:
    "Ask a persona (list_personas) a question with repository context attached; answered by your client's model, the configured provider, or returned as a brief for you to answer in role. Threads continue with thread_id.",
  input: consultSpecialistInput,
  output: consultSpecialistOutput,
  // Writes only Tandem's conversation state under .tandem/threads/; reaches a model provider.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  timeoutMs: 600_000,
  handler: consultSpecialist,
});
