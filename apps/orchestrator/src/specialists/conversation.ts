// What a thread contributes to the next question: its summary and its turns as chat messages, cut to
// what fits; and the summarising of older turns once a thread reaches the turn limit.
import type { CallContext } from '@tandem/shared';
import type { OrchestratorServices } from '../tools/define.js';
import { answerWith, type ChatMessage, NoModelPathError } from './answer.js';
import type { ThreadRecord, ThreadTurn } from './threads.js';

/** A thread holding this many turns has its older ones summarised before the next question. */
export const MAX_THREAD_TURNS = 20;
/** The most recent turns kept in full when the older ones are summarised. */
export const KEEP_RECENT_TURNS = 4;
const SUMMARY_MAX_TOKENS = 1024;

/** A rough count (4 characters a token) for trimming history; the consultation counts exactly. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** The answered turns as alternating user/assistant messages; a turn still waiting for its answer is left out. */
export function historyMessages(turns: readonly ThreadTurn[]): ChatMessage[] {
  return turns.flatMap((turn): ChatMessage[] =>
    turn.answer === null
      ? []
      : [
          { role: 'user', content: turn.question },
          { role: 'assistant', content: turn.answer },
        ],
  );
}

/** The most recent whole turns (question and answer pairs) within `maxTokens`; how many were left out. */
export function fitHistory(
  messages: ChatMessage[],
  maxTokens: number,
): { messages: ChatMessage[]; dropped: number } {
  const kept: ChatMessage[] = [];
  let used = 0;
  for (let index = messages.length - 2; index >= 0; index -= 2) {
    const pair = messages.slice(index, index + 2);
    const tokens = pair.reduce((sum, message) => sum + estimateTokens(message.content), 0);
    if (used + tokens > maxTokens) break;
    kept.unshift(...pair);
    used += tokens;
  }
  return { messages: kept, dropped: (messages.length - kept.length) / 2 };
}

/** The system prompt with what the summarised turns said. */
export function withSummary(system: string, thread: ThreadRecord | undefined): string {
  if (!thread || thread.summary === '') return system;
  return `${system}\n\n## Earlier in this conversation (${thread.summarised_turns} turns, summarised)\n\n${thread.summary}`;
}

function transcript(thread: ThreadRecord, turns: readonly ThreadTurn[]): string {
  const parts: string[] = [];
  if (thread.summary) parts.push(`Summary of the turns before these:\n${thread.summary}`);
  for (const turn of turns) {
    parts.push(`Question: ${turn.question}\nAnswer: ${turn.answer ?? '(no answer recorded)'}`);
  }
  return parts.join('\n\n---\n\n');
}

export interface Summarised {
  thread: ThreadRecord;
  /** Turns replaced by the summary (0 when nothing was summarised). */
  turns: number;
  note?: string;
}

/**
 * When the thread has reached MAX_THREAD_TURNS, asks the same answer path to summarise all but the
 * last KEEP_RECENT_TURNS and returns the thread with the summary in their place. When no model can
 * answer, the turns are kept and the note says so (the caller then sends only what fits).
 */
export async function summariseIfLong(
  context: CallContext<OrchestratorServices>,
  thread: ThreadRecord,
  personaTitle: string,
): Promise<Summarised> {
  if (thread.turns.length < MAX_THREAD_TURNS) return { thread, turns: 0 };
  const older = thread.turns.slice(0, thread.turns.length - KEEP_RECENT_TURNS);
  try {
    const answer = await answerWith(context, {
      system: `You summarise a consultation between a developer and the ${personaTitle} specialist, for the specialist to continue it. Keep the facts about the repository, the decisions, recommendations and their reasons, and the open questions. Plain prose or bullets, at most 400 words.`,
      messages: [{ role: 'user', content: transcript(thread, older) }],
      maxTokens: SUMMARY_MAX_TOKENS,
    });
    return {
      thread: {
        ...thread,
        summary: answer.text.trim(),
        summarised_turns: thread.summarised_turns + older.length,
        turns: thread.turns.slice(older.length),
      },
      turns: older.length,
    };
  } catch (error) {
    if (!(error instanceof NoModelPathError)) throw error;
    return {
      thread,
      turns: 0,
      note: `The thread has ${thread.turns.length} turns, but no model could summarise the older ones (${error.reasons.map((r) => r.reason).join('; ')}); they are kept, and only the recent turns that fit are sent.`,
    };
  }
}
