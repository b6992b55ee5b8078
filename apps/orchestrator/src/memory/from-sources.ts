// Saving a consultation's answer or a plan's outcome as a note in one call: the note is built from the
// stored thread or plan (never from what the caller retells), and records where it came from.
import { ToolError } from '@tandem/shared';
import { readPlan, type StoredPlan } from '../plan/store.js';
import { readThread, type ThreadRecord } from '../specialists/threads.js';
import { MAX_BODY_CHARS, MAX_TITLE_CHARS, type NoteInput } from './model.js';

type Saved = Pick<NoteInput, 'kind' | 'title' | 'text' | 'tags' | 'source'> & { title: string; text: string };

function cut(text: string, max: number, marker: string): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - marker.length - 1)
        .join('')
        .trimEnd()}…${marker}`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}

/** The thread's last answered turn as a note; ToolError for an unknown thread or one with no answer yet. */
export async function noteFromThread(root: string, id: string): Promise<Saved> {
  const thread = await readThread(root, id);
  if (thread === undefined) {
    throw new ToolError(`No consultation thread "${id}".`, {
      hint: 'Use the thread_id a consult_specialist result returned.',
    });
  }
  const turn = lastAnswered(thread);
  if (turn === undefined) {
    throw new ToolError(`The thread "${id}" has no answer yet.`, {
      hint: 'Save it once the consultation has been answered (a brief is answered by the calling model).',
    });
  }
  const by = [turn.answered_by, turn.provider, turn.model].filter(Boolean).join(', ');
  const head = `Persona: ${thread.persona}\nQuestion: ${turn.question.trim()}\n\nAnswer (${by}, ${turn.at}):\n`;
  const marker = ` [cut; thread ${id} has the whole answer]`;
  return {
    kind: 'note',
    title: cut(`${thread.persona}: ${firstLine(turn.question)}`, MAX_TITLE_CHARS, ''),
    text: cut(`${head}${(turn.answer ?? '').trim()}`, MAX_BODY_CHARS, marker),
    tags: [thread.persona.toLowerCase().replace(/[^\p{L}\p{N}._/-]+/gu, '-')],
    source: { kind: 'consultation', id },
  };
}

function lastAnswered(thread: ThreadRecord): ThreadRecord['turns'][number] | undefined {
  return thread.turns.findLast((turn) => turn.answer !== null && turn.answer.trim() !== '');
}

/** The plan's goal, steps and outcome as a note; ToolError for an unknown plan. */
export async function noteFromPlan(root: string, id: string): Promise<Saved> {
  const plan = await readPlan(root, id);
  if (plan === undefined) {
    throw new ToolError(`No plan "${id}".`, { hint: 'Call plan with action "list" for the ids.' });
  }
  return {
    kind: 'note',
    title: cut(`Plan: ${firstLine(plan.goal)}`, MAX_TITLE_CHARS, ''),
    text: cut(planText(plan), MAX_BODY_CHARS, ` [cut; plan ${id} has the rest]`),
    tags: ['plan'],
    source: { kind: 'plan', id },
  };
}

function planText(plan: StoredPlan): string {
  const outcome =
    plan.status === 'active'
      ? `active (not closed yet, as of ${plan.updated_at})`
      : `${plan.status} at ${plan.closed_at ?? plan.updated_at}`;
  const steps = plan.steps.map(
    (step) =>
      `${step.n}. [${step.status}] ${step.title} (${step.phase})${step.note ? ` — ${step.note}` : ''}`,
  );
  const closing = plan.events.findLast((event) => event.kind === 'closed');
  const validation = plan.events.findLast((event) => event.kind === 'validate');
  const commits = plan.events.filter((event) => event.kind === 'commit' && event.ok !== false);
  return [
    `Goal: ${plan.goal.trim()}`,
    `Outcome: ${outcome}${closing ? ` — ${closing.summary}` : ''}`,
    '',
    'Steps:',
    ...steps,
    '',
    `Consultations: ${plan.consultations}`,
    ...(validation
      ? [`Last validation: ${validation.ok === false ? 'failed' : 'passed'} — ${validation.summary}`]
      : []),
    ...commits.map((event) => `Commit: ${event.ref ? `${event.ref} ` : ''}${event.summary}`),
  ].join('\n');
}
