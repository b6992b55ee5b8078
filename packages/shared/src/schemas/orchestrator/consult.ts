// `consult_specialist`: ask a persona a question grounded in the repository, answered by the calling
// client's model (sampling), a configured provider, or returned as a brief; and its conversations.
import { z } from 'zod';

export const MAX_CALLER_ANSWER_CHARS = 100_000;
export const MAX_CONSULT_FILES = 20;

export const consultPath = z.enum(['sampling', 'provider', 'brief']);

export const consultSpecialistInput = z.object({
  action: z
    .enum(['ask', 'list_threads', 'show_thread', 'delete_thread'])
    .default('ask')
    .describe('ask (default), or manage conversations'),
  role: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('ask: the persona id (list_personas); list_threads: a filter'),
  question: z.string().optional().describe('ask: the question (limit: personas.max_question_chars)'),
  files: z
    .array(z.string().min(1).max(1000))
    .max(MAX_CONSULT_FILES)
    .optional()
    .describe('ask: files to attach, relative to the root'),
  thread_id: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe('Continue (ask) or name (show/delete) a conversation'),
  answer: z
    .string()
    .optional()
    .describe(
      'After a brief: your in-role answer, recorded in the thread (with thread_id; question optional)',
    ),
});

const skipped = z.object({ path: z.enum(['sampling', 'provider']), reason: z.string() });

const attachedFile = z.object({
  path: z.string(),
  tokens: z.number().int(),
  reason: z.enum(['named', 'hint', 'pinned_memory', 'context_slice']),
});

export const threadSummary = z.object({
  thread_id: z.string(),
  role: z.string(),
  turns: z.number().int().describe('Turns kept in full'),
  summarised_turns: z.number().int().describe('Earlier turns replaced by a summary'),
  first_question: z.string(),
  updated_at: z.string(),
  pending_answer: z.boolean().describe('The last turn was a brief still waiting for its answer'),
});

export const threadTurnOutput = z.object({
  question: z.string(),
  answer: z.string().nullable(),
  answered_by: z.enum(['sampling', 'provider', 'caller', 'brief']),
  provider: z.string().optional(),
  model: z.string().optional(),
  files: z.array(z.string()),
  at: z.string(),
});

export const consultSpecialistOutput = z.object({
  action: z.enum(['ask', 'list_threads', 'show_thread', 'delete_thread']),
  thread_id: z.string().optional(),
  role: z.string().optional(),
  path: consultPath.optional().describe('ask: who answered; brief = no model, answer it yourself in role'),
  provider: z.enum(['gemini', 'anthropic']).optional(),
  model: z.string().optional(),
  answer: z.string().optional(),
  brief: z
    .object({ system: z.string(), prompt: z.string() })
    .optional()
    .describe('path brief: the persona prompt and the question with its context, for you to answer in role'),
  recorded_answer: z.boolean().optional().describe('The `answer` argument was recorded in the thread'),
  skipped: z.array(skipped).optional().describe('Paths that did not answer, and why'),
  files_attached: z.array(attachedFile).optional(),
  usage: z
    .object({
      context_tokens: z.number().int().describe('Tokens of the prompt and attached context (estimated)'),
      input_tokens: z.number().int().optional().describe('As the model reported'),
      output_tokens: z.number().int().optional(),
    })
    .optional(),
  summarised: z
    .object({ turns: z.number().int(), note: z.string().optional() })
    .optional()
    .describe('Older turns were summarised (or could not be) before this question'),
  threads: z.array(threadSummary).optional(),
  thread: z
    .object({
      thread_id: z.string(),
      role: z.string(),
      summary: z.string(),
      summarised_turns: z.number().int(),
      turns: z.array(threadTurnOutput),
      created_at: z.string(),
      updated_at: z.string(),
    })
    .optional(),
  deleted: z.boolean().optional(),
  problems: z
    .array(z.object({ file: z.string(), message: z.string() }))
    .optional()
    .describe('Unreadable threads'),
  warnings: z.array(z.string()).optional(),
});
