// buildConsultation on a copy of the sample repo: the persona's prompt, its hint files, the files
// named, a compressed slice, all within the token budget; bad input refused with a clear message.
import { mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, ToolError } from '@tandem/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../src/memory/notes.js';
import { buildConsultation, type ConsultationContext } from '../src/specialists/consultation.js';
import { copySampleRepo } from './support/context.js';
import { fakeAws } from './support/fake-secrets.js';

let workspace: { root: string; remove: () => void };
let outside: string;

function contextFor(root: string): ConsultationContext {
  return {
    root,
    services: { config: loadConfig(root).config },
    signal: new AbortController().signal,
    logger: createLogger('test', 'error'),
    progress: async () => {},
  };
}

beforeAll(() => {
  workspace = copySampleRepo('tandem-consultation-');
  outside = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'tandem-outside-')));
  writeFileSync(path.join(outside, 'secret.txt'), 'not for the specialist\n');
  symlinkSync(path.join(outside, 'secret.txt'), path.join(workspace.root, 'escape.txt'));
});

afterAll(() => {
  workspace.remove();
  rmSync(outside, { recursive: true, force: true, maxRetries: 5 });
});

describe('buildConsultation', () => {
  it('gives platform_expert the shell.nix and justfile it watches, plus a compressed slice', async () => {
    const consultation = await buildConsultation(contextFor(workspace.root), {
      persona: 'platform_expert',
      question: 'Should this repository move from shell.nix to a flake?',
    });
    expect(consultation.system).toContain('Nix');
    expect(consultation.prompt.startsWith('Should this repository move')).toBe(true);
    const hints = consultation.attached.filter((item) => item.reason === 'hint').map((item) => item.path);
    expect(hints).toEqual(expect.arrayContaining(['flake.nix', 'shell.nix', 'justfile']));
    expect(consultation.prompt).toContain('pkgs.mkShell');
    expect(consultation.attached.some((item) => item.reason === 'context_slice')).toBe(true);
    expect(consultation.notes.join('\n')).toMatch(
      /context hints with no file in this repository: .*devenv\.nix/,
    );
    expect(consultation.tokens).toBeLessThanOrEqual(consultation.budget_tokens);
  });

  it('attaches named files first and keeps a small budget', async () => {
    const consultation = await buildConsultation(contextFor(workspace.root), {
      persona: 'architect',
      question: 'Is the report script well structured?',
      files: ['scripts/report.py'],
      budgetTokens: 1500,
    });
    expect(consultation.attached[0]).toMatchObject({ path: 'scripts/report.py', reason: 'named' });
    expect(consultation.tokens).toBeLessThanOrEqual(1500);
    expect(consultation.budget_tokens).toBe(1500);
  });

  it('attaches the pinned memory, not the unpinned notes, and masks secrets in attached files', async () => {
    await addNote(workspace.root, {
      kind: 'decision',
      title: 'Stay on shell.nix until CI has Nix',
      context: 'CI runners have no Nix yet.',
      decision: 'Keep shell.nix; revisit flakes when CI can build them.',
      consequences: 'Developers use nix-shell.',
      pinned: true,
    });
    await addNote(workspace.root, { kind: 'note', title: 'Unpinned aside', text: 'Not for consultations.' });
    const secret = fakeAws.secretAccessKey();
    writeFileSync(path.join(workspace.root, '.envrc'), `export AWS_SECRET_ACCESS_KEY="${secret}"\nuse nix\n`);
    try {
      const consultation = await buildConsultation(contextFor(workspace.root), {
        persona: 'platform_expert',
        question: 'Can we switch to a flake now?',
      });
      const pinned = consultation.attached.filter((item) => item.reason === 'pinned_memory');
      expect(pinned).toHaveLength(1);
      expect(consultation.prompt).toContain('Stay on shell.nix until CI has Nix');
      expect(consultation.prompt).toContain('Keep shell.nix; revisit flakes when CI can build them.');
      expect(consultation.prompt).not.toContain('Unpinned aside');
      expect(consultation.attached).toContainEqual(
        expect.objectContaining({ path: '.envrc', reason: 'hint' }),
      );
      expect(consultation.prompt).toContain('use nix');
      expect(consultation.prompt).not.toContain(secret);
    } finally {
      rmSync(path.join(workspace.root, '.envrc'));
    }
  });

  it('does not follow a hinted file that is a symbolic link out of the root', async () => {
    symlinkSync(path.join(outside, 'secret.txt'), path.join(workspace.root, '.env.example'));
    try {
      const consultation = await buildConsultation(contextFor(workspace.root), {
        persona: 'security',
        question: 'Are secrets handled well?',
      });
      expect(consultation.attached.map((item) => item.path)).not.toContain('.env.example');
      expect(consultation.prompt).not.toContain('not for the specialist');
    } finally {
      rmSync(path.join(workspace.root, '.env.example'));
    }
  });

  it('cuts a long file to max_file_tokens and keeps a tight budget whole', async () => {
    writeFileSync(
      path.join(workspace.root, 'long.txt'),
      Array.from({ length: 4000 }, (_, line) => `line ${line} of a long document about the ledger`).join(
        '\n',
      ),
    );
    try {
      for (const budget of [1200, 3000, 12000]) {
        const consultation = await buildConsultation(contextFor(workspace.root), {
          persona: 'sre',
          question: 'What does this document say about retries?',
          files: ['long.txt'],
          history: [
            { role: 'user', text: 'Earlier question about deploys.' },
            { role: 'assistant', text: 'Earlier answer about deploys.' },
          ],
          budgetTokens: budget,
        });
        const long = consultation.attached.find((item) => item.path === 'long.txt');
        expect(long).toMatchObject({ reason: 'named', truncated: true });
        expect(long?.tokens).toBeLessThanOrEqual(4000 + 20);
        expect(consultation.prompt).toMatch(/… \[truncated: \d+ of 4000 lines shown/);
        expect(consultation.tokens).toBeLessThanOrEqual(budget);
      }
    } finally {
      rmSync(path.join(workspace.root, 'long.txt'));
    }
  });

  it('refuses a named file outside the root, a missing one, and an oversized question', async () => {
    const context = contextFor(workspace.root);
    const ask = (files: string[], question = 'What is wrong here?') =>
      buildConsultation(context, { persona: 'security', question, files });
    await expect(ask(['../etc/passwd'])).rejects.toThrow(
      /files\[0\] "\.\.\/etc\/passwd" is outside the workspace root/,
    );
    await expect(ask(['escape.txt'])).rejects.toThrow(/leads outside the workspace root/);
    await expect(ask(['nope.txt'])).rejects.toThrow(/files\[0\] "nope.txt" does not exist/);
    await expect(ask([], 'x'.repeat(8001))).rejects.toThrow(/8001 characters; the limit is 8000/);
    await expect(ask([], 'x'.repeat(8001))).rejects.toBeInstanceOf(ToolError);
    await expect(buildConsultation(context, { persona: 'nobody', question: 'hello?' })).rejects.toThrow(
      /Unknown persona "nobody"/,
    );
  });
});
