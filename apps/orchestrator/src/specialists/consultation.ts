// buildConsultation: what a persona is asked — its system prompt, and the question with the
// repository context attached: the files named, the pinned project memory, the files the persona's
// context hints find, and a compressed Repomix slice in whatever budget is left. The whole (system
// prompt, history, question and context) is counted with Repomix's tokenizer and kept within the
// budget; every attached text is redacted (Repomix's secret check for the slice, the config redactor
// and secretlint for the rest).
import { readFile, stat } from 'node:fs/promises';
import { canonicalRoot, type Logger, resolveInRoot, type TandemConfig, ToolError } from '@tandem/shared';
import { getCodebaseContext } from '../context/codebase-context.js';
import { redactorFor } from '../context/redactor.js';
import { loadRepomix } from '../context/repomix-api.js';
import { pinnedNotes } from '../memory/pins.js';
import { matchHints } from './hint-files.js';
import { findPersona, type Persona } from './personas.js';
import { fence, fitToTokens, type TokenCount } from './token-fit.js';

export type AttachReason = 'named' | 'hint' | 'pinned_memory' | 'context_slice';

export interface AttachedItem {
  /** A path relative to the root; `memory:<id>` for a pinned note; `.` for the slice's directory structure. */
  path: string;
  tokens: number;
  reason: AttachReason;
  /** Cut to fit max_file_tokens or the budget. */
  truncated?: boolean;
}

export interface Consultation {
  persona: string;
  system: string;
  /** The user message: the question, then the attached context. */
  prompt: string;
  attached: AttachedItem[];
  /** Tokens of system + history + prompt (o200k_base). */
  tokens: number;
  budget_tokens: number;
  /** What was left out and why (hints with no file, files over the budget, the slice's step). */
  notes: string[];
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ConsultationRequest {
  /** A persona or its id. */
  persona: Persona | string;
  question: string;
  /** Files to attach in full (bounded), relative to the root. */
  files?: readonly string[];
  /** Earlier turns of the thread: counted against the budget, not rendered here. */
  history?: readonly HistoryTurn[];
  /** Default: personas.budget_tokens of the config. */
  budgetTokens?: number;
}

export interface ConsultationContext {
  root: string;
  services: { config: TandemConfig };
  signal: AbortSignal;
  logger: Logger;
  progress(progress: number, total?: number, message?: string): Promise<void>;
}

export const MAX_NAMED_FILES = 20;
/** Below this many tokens left, no context slice is packed: it would be a bare directory tree at best. */
const MIN_SLICE_TOKENS = 300;
/** Of what is left after the named files and memory, the hint files may take this share; the slice the rest. */
const HINT_SHARE = 0.7;
/** Joins between parts can tokenize a little differently from the parts alone. */
const JOIN_SLACK_TOKENS = 4;
/** Kept for the closing list of what was not attached. */
const NOTES_TOKENS = 256;

interface Part {
  item: AttachedItem | undefined;
  text: string;
  tokens: number;
}

function looksBinary(buffer: Buffer): boolean {
  return buffer.subarray(0, 8192).includes(0);
}

function checkQuestion(question: string, maxChars: number): void {
  if (question.trim().length === 0) {
    throw new ToolError('The question is empty.', { hint: 'Ask the specialist something specific.' });
  }
  if (question.length > maxChars) {
    throw new ToolError(
      `The question is ${question.length} characters; the limit is ${maxChars} (personas.max_question_chars).`,
      {
        hint: 'Shorten it, and name the files the specialist should read in `files` instead of pasting them.',
      },
    );
  }
}

async function readNamed(root: string, files: readonly string[]) {
  if (files.length > MAX_NAMED_FILES) {
    throw new ToolError(`${files.length} files named; at most ${MAX_NAMED_FILES} may be attached.`, {
      hint: 'Name the few files that matter; the persona also gets its context hints and a compressed slice.',
    });
  }
  const named: Array<{ path: string; content: string }> = [];
  const seen = new Set<string>();
  for (const [index, file] of files.entries()) {
    const argument = `files[${index}]`;
    const resolved = resolveInRoot(root, file, argument);
    const info = await stat(resolved.absolute).catch(() => undefined);
    if (!info) {
      throw new ToolError(`${argument} "${file}" does not exist.`, {
        hint: 'Give paths of existing files, relative to the workspace root.',
      });
    }
    if (!info.isFile()) {
      throw new ToolError(`${argument} "${file}" is not a file.`, {
        hint: 'Name files; the context slice already covers directories.',
      });
    }
    if (seen.has(resolved.relative)) continue;
    seen.add(resolved.relative);
    const buffer = await readFile(resolved.absolute);
    if (looksBinary(buffer)) {
      throw new ToolError(`${argument} "${file}" is a binary file.`, { hint: 'Name text files only.' });
    }
    named.push({ path: resolved.relative, content: buffer.toString('utf8') });
  }
  return named;
}

/** Per-file sections of a Repomix XML pack, to list what the slice holds. */
function sliceFiles(content: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const match of content.matchAll(/<file path="([^"]+)">\n?([\s\S]*?)<\/file>/g)) {
    out.push({ path: match[1] as string, text: match[0] });
  }
  return out;
}

export async function buildConsultation(
  context: ConsultationContext,
  request: ConsultationRequest,
): Promise<Consultation> {
  const { config } = context.services;
  const settings = config.personas;
  const persona =
    typeof request.persona === 'string' ? findPersona(config, request.persona) : request.persona;
  checkQuestion(request.question, settings.max_question_chars);
  const root = canonicalRoot(context.root);
  const budget = request.budgetTokens ?? settings.budget_tokens;
  const redactor = redactorFor(config);
  const named = await readNamed(root, request.files ?? []);

  const counter = await (await loadRepomix()).tokenCounter();
  const count: TokenCount = (text) => counter.countTokens(text);
  const system = persona.system_prompt;
  const questionText = `${request.question.trim()}\n`;
  const intro = `\n---\nRepository context attached for this consultation (${persona.title}). Cite these paths; what is not here was not given to you.\n`;
  const historyTokens = (request.history ?? []).reduce((sum, turn) => sum + count(turn.text) + 4, 0);
  const fixed = count(system) + count(questionText) + count(intro) + historyTokens;
  if (fixed > budget) {
    throw new ToolError(
      `The system prompt, question and history take ${fixed} tokens, more than the budget of ${budget}.`,
      { hint: 'Ask a shorter question, or raise personas.budget_tokens.' },
    );
  }
  const notesRoom = Math.min(NOTES_TOKENS, Math.floor((budget - fixed) / 4));
  let left = budget - fixed - notesRoom;
  const parts: Part[] = [];
  const notes: string[] = [];
  const maxFile = settings.max_file_tokens;

  // A rendered file or note, cut to what fits; undefined when not even a stub fits.
  const addText = async (
    heading: string,
    body: string,
    item: Omit<AttachedItem, 'tokens'>,
    limit: number,
  ): Promise<boolean> => {
    context.signal.throwIfAborted();
    const redacted = await redactor.redact(body);
    const headingTokens = count(heading) + 8;
    const room = Math.min(limit, left) - headingTokens - JOIN_SLACK_TOKENS;
    if (room < 20) return false;
    const fitted = fitToTokens(redacted, room, count);
    const text = `${heading}\n${fence(fitted.text)}\n`;
    const tokens = count(text);
    if (tokens + JOIN_SLACK_TOKENS > left) return false;
    left -= tokens + JOIN_SLACK_TOKENS;
    parts.push({
      item: { ...item, tokens, ...(fitted.truncated ? { truncated: true } : {}) },
      text,
      tokens,
    });
    return true;
  };
  const addHeading = (title: string) => {
    const text = `\n## ${title}\n`;
    const tokens = count(text);
    left -= tokens;
    parts.push({ item: undefined, text, tokens });
  };

  if (named.length > 0) {
    addHeading('Files named in the question');
    for (const file of named) {
      if (!(await addText(`### ${file.path}`, file.content, { path: file.path, reason: 'named' }, maxFile)))
        notes.push(`${file.path}: named but not attached, the budget of ${budget} tokens is spent`);
    }
  }

  const pins = await pinnedNotes(root);
  if (pins.length > 0) {
    addHeading('Pinned project memory');
    for (const note of pins) {
      const ok = await addText(
        `### ${note.title} (memory ${note.id})`,
        note.text,
        { path: `memory:${note.id}`, reason: 'pinned_memory' },
        maxFile,
      );
      if (!ok) notes.push(`memory ${note.id}: pinned but not attached, the budget is spent`);
    }
  }

  const matches = await matchHints(root, persona.context_hints);
  const missing = matches.filter((match) => match.files.length === 0).map((match) => match.hint);
  const attachedPaths = new Set(named.map((file) => file.path));
  const hintFiles = [...new Set(matches.flatMap((match) => match.files))].filter(
    (file) => !attachedPaths.has(file),
  );
  const overflow: string[] = [];
  if (hintFiles.length > 0) {
    addHeading(`Files the ${persona.id} persona watches (context hints)`);
    const hintBudgetEnd = left - Math.floor(left * HINT_SHARE);
    for (const file of hintFiles) {
      const buffer = await readFile(`${root}/${file}`).catch(() => undefined);
      if (!buffer || looksBinary(buffer)) continue;
      const room = left - hintBudgetEnd;
      const ok =
        room > 0 &&
        (await addText(
          `### ${file}`,
          buffer.toString('utf8'),
          { path: file, reason: 'hint' },
          Math.min(maxFile, room),
        ));
      if (ok) attachedPaths.add(file);
      else overflow.push(file);
    }
  }
  if (missing.length > 0) notes.push(`context hints with no file in this repository: ${missing.join(', ')}`);

  if (left >= MIN_SLICE_TOKENS) {
    await context.progress(0, 1, 'packing a compressed context slice');
    const sliceBudget = left - 64;
    try {
      const slice = await getCodebaseContext(
        root,
        {
          // Hint files that did not fit in full come compressed; otherwise the whole repository does.
          ...(overflow.length > 0 ? { include: overflow } : {}),
          ignore: [...attachedPaths],
          compress: true,
          style: 'xml',
          token_budget: sliceBudget,
        },
        config.context,
        redactor,
        { signal: context.signal, logger: context.logger, progress: async () => {} },
      );
      const heading = `\n## Compressed repository slice (Repomix, ${slice.step}, ${slice.included_files}/${slice.total_files} files)\n`;
      const text = `${heading}${slice.content}\n`;
      const tokens = count(text);
      if (tokens + JOIN_SLACK_TOKENS <= left) {
        left -= tokens + JOIN_SLACK_TOKENS;
        parts.push({ item: undefined, text, tokens });
        let fileTokens = 0;
        for (const file of sliceFiles(slice.content)) {
          const tokensOfFile = count(file.text);
          fileTokens += tokensOfFile;
          parts.push({
            item: { path: file.path, tokens: tokensOfFile, reason: 'context_slice' },
            text: '',
            tokens: 0,
          });
        }
        parts.push({
          item: { path: '.', tokens: Math.max(0, tokens - fileTokens), reason: 'context_slice' },
          text: '',
          tokens: 0,
        });
        if (slice.omitted_count > 0)
          notes.push(
            `context slice: ${slice.omitted_count} files omitted to fit (${slice.omitted_tokens} tokens)`,
          );
        if (slice.suspicious_files.length > 0)
          notes.push(
            `context slice: excluded by the secret check: ${slice.suspicious_files.map((file) => file.path).join(', ')}`,
          );
      } else {
        notes.push(`context slice: ${tokens} tokens did not fit the ${left} left`);
      }
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      notes.push(`context slice: ${error.message}`);
    }
  } else {
    notes.push(`context slice: not packed, ${left} tokens left of ${budget}`);
  }
  if (overflow.length > 0)
    notes.push(`hint files not attached in full for the budget: ${overflow.join(', ')}`);

  const renderNotes =
    notes.length > 0
      ? fitToTokens(`\n## Not attached\n${notes.map((note) => `- ${note}`).join('\n')}\n`, notesRoom, count)
          .text
      : '';
  const prompt = `${questionText}${intro}${parts.map((part) => part.text).join('')}${renderNotes}`;
  const attached = parts.flatMap((part) => (part.item ? [part.item] : []));
  const tokens = count(system) + count(prompt) + historyTokens;
  return { persona: persona.id, system, prompt, attached, tokens, budget_tokens: budget, notes };
}
