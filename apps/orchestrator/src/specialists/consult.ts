// consult_specialist: one question to a persona, grounded in the repository and answered by the first
// model path that works (sampling, provider) or returned as a brief; and the thread it belongs to.
import { type CallContext, ToolError } from '@tandem/shared';
import {
  type consultSpecialistInput,
  type consultSpecialistOutput,
  MAX_CALLER_ANSWER_CHARS,
} from '@tandem/shared/schemas';
import type { z } from 'zod';
import { recordOnPlan } from '../plan/record.js';
import { newRecordId, RecordStore } from '../store/record-store.js';
import type { OrchestratorServices } from '../tools/define.js';
import { type Answer, answerWith, NoModelPathError } from './answer.js';
import { buildConsultation } from './consultation.js';
import { fitHistory, historyMessages, summariseIfLong, withSummary } from './conversation.js';
import { findPersona } from './personas.js';
import { StreamProgress } from './stream-progress.js';
import { type ThreadRecord, type ThreadTurn, threadStore } from './threads.js';

type Input = z.output<typeof consultSpecialistInput>;
type Output = z.input<typeof consultSpecialistOutput>;
type Context = CallContext<OrchestratorServices>;
interface Result {
  structured: Output;
  text: string;
}

export async function consultSpecialist(args: Input, context: Context): Promise<Result> {
  switch (args.action) {
    case 'list_threads':
      return listThreads(args, context);
    case 'show_thread':
      return showThread(args, context);
    case 'delete_thread':
      return deleteThread(args, context);
    default:
      return ask(args, context);
  }
}

function requireThreadId(args: Input): string {
  if (!args.thread_id) {
    throw new ToolError(`${args.action} needs a thread_id.`, {
      hint: 'consult_specialist {action: "list_threads"} lists the threads.',
    });
  }
  return RecordStore.checkId(args.thread_id, 'thread_id');
}

async function loadThread(root: string, id: string): Promise<ThreadRecord> {
  const thread = await threadStore(root).get(id);
  if (!thread) {
    throw new ToolError(`There is no thread "${id}".`, {
      hint: 'consult_specialist {action: "list_threads"} lists the threads; leave thread_id out to start one.',
    });
  }
  return thread;
}

async function listThreads(args: Input, { root }: Context): Promise<Result> {
  const listing = await threadStore(root).list();
  const threads = listing.records
    .map(({ value }) => value)
    .filter((thread) => !args.role || thread.persona === args.role)
    .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
    .map((thread) => ({
      thread_id: thread.id,
      role: thread.persona,
      turns: thread.turns.length,
      summarised_turns: thread.summarised_turns,
      first_question: oneLine(thread.turns[0]?.question ?? thread.summary, 120),
      updated_at: thread.updated_at,
      pending_answer: thread.turns.at(-1)?.answer === null,
    }));
  const problems = listing.problems.map(({ file, message }) => ({ file, message }));
  const lines = threads.map(
    (t) =>
      `${t.thread_id} ${t.role} · ${t.turns + t.summarised_turns} turns · ${t.updated_at}${t.pending_answer ? ' · brief awaiting answer' : ''}\n  ${t.first_question}`,
  );
  if (lines.length === 0) lines.push('No threads.');
  for (const problem of problems) lines.push(`Unreadable: ${problem.file}: ${problem.message}`);
  return { structured: { action: 'list_threads', threads, problems }, text: lines.join('\n') };
}

async function showThread(args: Input, { root }: Context): Promise<Result> {
  const thread = await loadThread(root, requireThreadId(args));
  const lines = [`${thread.id} · ${thread.persona} · ${thread.turns.length + thread.summarised_turns} turns`];
  if (thread.summary) lines.push(`Summary of ${thread.summarised_turns} earlier turns:\n${thread.summary}`);
  thread.turns.forEach((turn, index) => {
    lines.push(
      `[${thread.summarised_turns + index + 1}] Q: ${turn.question}\nA (${turn.answered_by}): ${turn.answer ?? '(waiting for the answer to the brief)'}`,
    );
  });
  return {
    structured: {
      action: 'show_thread',
      thread_id: thread.id,
      role: thread.persona,
      thread: {
        thread_id: thread.id,
        role: thread.persona,
        summary: thread.summary,
        summarised_turns: thread.summarised_turns,
        turns: thread.turns,
        created_at: thread.created_at,
        updated_at: thread.updated_at,
      },
    },
    text: lines.join('\n\n'),
  };
}

async function deleteThread(args: Input, { root }: Context): Promise<Result> {
  const id = requireThreadId(args);
  // A corrupt record can be deleted too: delete does not read it.
  if (!(await threadStore(root).delete(id))) {
    throw new ToolError(`There is no thread "${id}".`, {
      hint: 'consult_specialist {action: "list_threads"} lists the threads.',
    });
  }
  return {
    structured: { action: 'delete_thread', thread_id: id, deleted: true },
    text: `Deleted thread ${id}.`,
  };
}

async function ask(args: Input, context: Context): Promise<Result> {
  const { root, services } = context;
  if (!args.role) {
    throw new ToolError('ask needs a role.', { hint: 'list_personas shows the persona ids.' });
  }
  const persona = findPersona(services.config, args.role);
  const question = args.question?.trim() ?? '';
  if (args.answer !== undefined && args.answer.length > MAX_CALLER_ANSWER_CHARS) {
    throw new ToolError(
      `The answer is ${args.answer.length} characters; the limit is ${MAX_CALLER_ANSWER_CHARS}.`,
      {
        hint: 'Record a shorter answer.',
      },
    );
  }

  let thread: ThreadRecord | undefined;
  if (args.thread_id) {
    thread = await loadThread(root, RecordStore.checkId(args.thread_id, 'thread_id'));
    if (thread.persona !== persona.id) {
      throw new ToolError(
        `Thread ${thread.id} is a conversation with ${thread.persona}, not ${persona.id}.`,
        {
          hint: `Use role "${thread.persona}" to continue it, or leave thread_id out to start a thread with ${persona.id}.`,
        },
      );
    }
  }
  if (args.answer !== undefined) {
    if (!thread) {
      throw new ToolError('An answer is recorded in a thread: thread_id is missing.', {
        hint: 'Pass the thread_id the brief came with.',
      });
    }
    thread = recordCallerAnswer(thread, args.answer);
    if (question === '') {
      await threadStore(root).put(thread.id, thread);
      return {
        structured: { action: 'ask', thread_id: thread.id, role: persona.id, recorded_answer: true },
        text: `Recorded your answer in thread ${thread.id} (${persona.id}).`,
      };
    }
  }
  if (question === '') {
    throw new ToolError('ask needs a question.', { hint: 'Ask the specialist something specific.' });
  }

  const warnings: string[] = [];
  let summarised: Output['summarised'];
  if (thread) {
    const result = await summariseIfLong(context, thread, persona.title);
    thread = result.thread;
    if (result.turns > 0) summarised = { turns: result.turns };
    if (result.note) summarised = { turns: 0, note: result.note };
  }

  const history = fitHistory(
    historyMessages(thread?.turns ?? []),
    Math.floor(services.config.personas.budget_tokens / 2),
  );
  if (history.dropped > 0) {
    warnings.push(
      `${history.dropped} earlier turn(s) of the thread were left out to stay within personas.budget_tokens.`,
    );
  }
  const consultation = await buildConsultation(context, {
    persona,
    question,
    ...(args.files ? { files: args.files } : {}),
    history: history.messages.map((message) => ({ role: message.role, text: message.content })),
  });
  const system = withSummary(consultation.system, thread);
  const files_attached = consultation.attached.map(({ path, tokens, reason }) => ({ path, tokens, reason }));
  const threadId = thread?.id ?? newRecordId('thread');
  const now = new Date().toISOString();
  const base = {
    id: threadId,
    persona: persona.id,
    project: root,
    created_at: thread?.created_at ?? now,
    updated_at: now,
    summary: thread?.summary ?? '',
    summarised_turns: thread?.summarised_turns ?? 0,
    turns: thread?.turns ?? [],
  } satisfies ThreadRecord;
  const attachedPaths = consultation.attached.map((item) => item.path);

  const stream = new StreamProgress(context.progress, (error) =>
    context.logger.warn('consult: a progress notification failed', { error: String(error) }),
  );
  let answer: Answer;
  try {
    answer = await answerWith(
      context,
      { system, messages: [...history.messages, { role: 'user', content: consultation.prompt }] },
      { onDelta: stream.onDelta },
    );
  } catch (error) {
    if (!(error instanceof NoModelPathError)) throw error;
    await stream.flush();
    return brief(context, {
      base,
      question,
      attachedPaths,
      system,
      prompt: consultation.prompt,
      history: history.messages,
      reasons: error.reasons,
      files_attached,
      contextTokens: consultation.tokens,
      summarised,
      warnings,
      personaId: persona.id,
    });
  }
  await stream.flush();

  const turn: ThreadTurn = {
    question,
    answer: answer.text,
    answered_by: answer.path,
    ...(answer.provider ? { provider: answer.provider } : {}),
    ...(answer.model ? { model: answer.model } : {}),
    files: attachedPaths,
    at: now,
  };
  await threadStore(root).put(threadId, { ...base, turns: [...base.turns, turn] });
  const plan = await recordOnPlan(context, {
    kind: 'consultation',
    summary: `${persona.id} answered (${answer.path}): ${oneLine(question, 200)}`,
    ok: true,
    ref: threadId,
  });
  if (plan.warning) warnings.push(plan.warning);

  const via =
    answer.path === 'provider'
      ? `${answer.provider} ${answer.model}`
      : `sampling${answer.model ? ` (${answer.model})` : ''}`;
  const structured: Output = {
    action: 'ask',
    thread_id: threadId,
    role: persona.id,
    path: answer.path,
    ...(answer.provider ? { provider: answer.provider } : {}),
    ...(answer.model ? { model: answer.model } : {}),
    answer: answer.text,
    skipped: answer.skipped,
    files_attached,
    usage: { context_tokens: consultation.tokens, ...answer.usage },
    ...(summarised ? { summarised } : {}),
    ...(warnings.length ? { warnings } : {}),
  };
  const text = [
    `${persona.id} answered via ${via} · thread ${threadId}`,
    answer.text,
    `Attached: ${attachedPaths.join(', ') || 'nothing'} · ${usageLine(structured.usage)}`,
    ...warnings.map((warning) => `Warning: ${warning}`),
    ...(summarised?.note ? [summarised.note] : []),
  ].join('\n\n');
  return { structured, text };
}

interface BriefParts {
  base: ThreadRecord;
  question: string;
  attachedPaths: string[];
  system: string;
  prompt: string;
  history: Array<{ role: 'user' | 'assistant'; content: string }>;
  reasons: Answer['skipped'];
  files_attached: NonNullable<Output['files_attached']>;
  contextTokens: number;
  summarised: Output['summarised'];
  warnings: string[];
  personaId: string;
}

/**
 * The brief path: no model answered, so the calling model gets the persona's prompt and the question
 * with its context to answer in role. The turn is stored waiting for that answer; the caller records
 * it with `answer` and the thread_id, so the thread stays complete for later follow-ups.
 */
async function brief(context: Context, parts: BriefParts): Promise<Result> {
  const { base } = parts;
  const turn: ThreadTurn = {
    question: parts.question,
    answer: null,
    answered_by: 'brief',
    files: parts.attachedPaths,
    at: base.updated_at,
  };
  await threadStore(context.root).put(base.id, { ...base, turns: [...base.turns, turn] });
  const plan = await recordOnPlan(context, {
    kind: 'consultation',
    summary: `${parts.personaId} brief (no model answered): ${oneLine(parts.question, 200)}`,
    // Neither passed nor failed: the calling model answers the brief in role.
    ref: base.id,
  });
  if (plan.warning) parts.warnings.push(plan.warning);

  const earlier = parts.history
    .map((message) => `${message.role === 'user' ? 'Developer' : 'Specialist'}: ${message.content}`)
    .join('\n\n');
  const prompt = earlier
    ? `## The conversation so far\n\n${earlier}\n\n## Now\n\n${parts.prompt}`
    : parts.prompt;
  const why = parts.reasons.map((reason) => `${reason.path}: ${reason.reason}`).join('; ');
  const structured: Output = {
    action: 'ask',
    thread_id: base.id,
    role: parts.personaId,
    path: 'brief',
    brief: { system: parts.system, prompt },
    skipped: parts.reasons,
    files_attached: parts.files_attached,
    usage: { context_tokens: parts.contextTokens },
    ...(parts.summarised ? { summarised: parts.summarised } : {}),
    ...(parts.warnings.length ? { warnings: parts.warnings } : {}),
  };
  const text = [
    `No model answered (${why}), so here is the brief: answer it yourself in the role below. To keep the thread complete, then call consult_specialist {role: "${parts.personaId}", thread_id: "${base.id}", answer: <your answer>}.`,
    `=== Role (system prompt) ===\n${parts.system}`,
    `=== Question and context ===\n${prompt}`,
    ...parts.warnings.map((warning) => `Warning: ${warning}`),
    ...(parts.summarised?.note ? [parts.summarised.note] : []),
  ].join('\n\n');
  return { structured, text };
}

function recordCallerAnswer(thread: ThreadRecord, answer: string): ThreadRecord {
  const last = thread.turns.at(-1);
  if (!last || last.answer !== null) {
    throw new ToolError(`Thread ${thread.id} has no brief waiting for an answer.`, {
      hint: 'An answer is recorded only after a brief (path "brief"); ask a question instead.',
    });
  }
  const turns = [...thread.turns.slice(0, -1), { ...last, answer, answered_by: 'caller' as const }];
  return { ...thread, turns, updated_at: new Date().toISOString() };
}

function usageLine(usage: Output['usage']): string {
  if (!usage) return '';
  const model =
    usage.input_tokens !== undefined || usage.output_tokens !== undefined
      ? ` · model: ${usage.input_tokens ?? '?'} in, ${usage.output_tokens ?? '?'} out`
      : '';
  return `context ${usage.context_tokens} tokens${model}`;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
