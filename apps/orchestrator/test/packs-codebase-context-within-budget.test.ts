// get_codebase_context over stdio on a copy of the sample repository: the full pack when it fits, each
// degradation step at smaller budgets, and always content within the budget.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySampleRepo, getContext } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

describe('get_codebase_context', () => {
  let orchestrator: ConnectedOrchestrator;
  let workspace: ReturnType<typeof copySampleRepo>;

  beforeAll(async () => {
    workspace = copySampleRepo();
    writeFileSync(path.join(workspace.root, 'src', 'notes.ts'), 'export const note = "packed";\n');
    // The packs kept under .tandem/ must never be packed themselves, even when .gitignore forgets them.
    const gitignore = path.join(workspace.root, '.gitignore');
    writeFileSync(gitignore, readFileSync(gitignore, 'utf8').replace('.tandem/\n', ''));
    // A link that leads out of the root is not followed.
    const outside = path.join(path.dirname(workspace.root), 'outside.ts');
    writeFileSync(outside, 'export const outside = "not in the workspace";\n');
    symlinkSync(outside, path.join(workspace.root, 'src', 'outside.ts'));
    orchestrator = await connectOrchestrator(workspace.root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    workspace?.remove();
  });

  it('returns the whole repository when it fits the default budget', async () => {
    const { structured, text } = await getContext(orchestrator.client);
    expect(structured.token_budget).toBe(30000);
    expect(structured.step).toBe('full');
    expect(structured.steps).toEqual([{ step: 'full', tokens: structured.tokens, fits: true }]);
    expect(structured.tokens).toBeLessThanOrEqual(30000);
    expect(structured.included_files).toBe(structured.total_files);
    expect(structured.output_id).toMatch(/^ctx_[0-9a-f]{16}$/);
    expect(structured.content).toContain('<file path="src/notes.ts">');
    expect(structured.content).toContain('<directory_structure>');
    // .gitignore is respected and .tandem/ (where the pack is kept) is never packed.
    expect(structured.content).not.toContain('<file path=".tandem/');
    expect(structured.content).toContain('<file path=".gitignore">');
    expect(text).toContain(structured.output_id);
    expect(text).toContain('src/notes.ts');
  });

  it('compresses when the full pack is over the budget and the compressed one fits', async () => {
    const full = (await getContext(orchestrator.client)).structured;
    const { structured } = await getContext(orchestrator.client, { token_budget: full.full_tokens - 1 });
    expect(structured.step).toBe('compress');
    expect(structured.steps.map((step) => [step.step, step.fits])).toEqual([
      ['full', false],
      ['compress', true],
    ]);
    expect(structured.tokens).toBeLessThan(full.full_tokens);
    expect(structured.content).toContain('compressed');
    expect(structured.omitted_count).toBe(0);
    expect(structured.content).not.toContain('<file path=".tandem/');
    // The full pack is the same one: same files, same id.
    expect(structured.output_id).toBe(full.output_id);
  });

  it('leaves out tests and docs, then the largest files, and lists them with their tokens', async () => {
    const { structured, text } = await getContext(orchestrator.client, { token_budget: 2000 });
    expect(structured.step).toBe('omit_files');
    expect(structured.steps.map((step) => step.step)).toEqual(['full', 'compress', 'omit_files']);
    expect(structured.tokens).toBeLessThanOrEqual(2000);
    expect(structured.included_files).toBeGreaterThan(0);
    expect(structured.included_files + structured.omitted_count).toBe(structured.total_files);
    expect(structured.omitted_files.length).toBe(structured.omitted_count);
    const omitted = structured.omitted_files.map((file) => file.path);
    expect(omitted).toContain('tests/test_report.py');
    expect(omitted[0]).toBe('tests/test_report.py');
    for (const file of structured.omitted_files) {
      expect(file.tokens).toBeGreaterThan(0);
      expect(structured.content).not.toContain(`<file path="${file.path}">`);
    }
    expect(structured.omitted_tokens).toBe(
      structured.omitted_files.reduce((sum, file) => sum + file.tokens, 0),
    );
    expect(text).toContain('tests/test_report.py');
  });

  it('falls back to the directory structure with tokens per file', async () => {
    const { structured } = await getContext(orchestrator.client, { token_budget: 400 });
    expect(structured.step).toBe('structure_only');
    expect(structured.steps.map((step) => step.step)).toEqual([
      'full',
      'compress',
      'omit_files',
      'structure_only',
    ]);
    expect(structured.tokens).toBeLessThanOrEqual(400);
    expect(structured.included_files).toBe(0);
    expect(structured.content).toMatch(/src\/notes\.ts \(\d+ tokens\)/);
    expect(structured.content).toContain(structured.output_id);
  });

  it('cuts the structure to the budget and says how many files are not listed', async () => {
    const { structured } = await getContext(orchestrator.client, { token_budget: 100 });
    expect(structured.step).toBe('structure_only');
    expect(structured.tokens).toBeLessThanOrEqual(100);
    expect(structured.content).toMatch(/… \d+ more files/);
  });

  it('packs markdown and the globs it is given', async () => {
    const { structured } = await getContext(orchestrator.client, {
      include: ['src/**'],
      ignore: ['src/notes.ts'],
      style: 'markdown',
    });
    expect(structured.style).toBe('markdown');
    expect(structured.content).toContain('## File: src/');
    expect(structured.content).not.toContain('## File: src/notes.ts');
    expect(structured.content).not.toContain('not in the workspace');
    expect(structured.content).not.toContain('## File: tests/');
  });

  it('refuses globs that leave the root and selections that match nothing', async () => {
    const outside = await getContext(orchestrator.client, { include: ['../**'] });
    expect(outside.isError).toBe(true);
    expect(outside.text).toMatch(/may not leave the workspace root/);
    // A brace expansion that spells `..` still packs nothing from outside.
    const braces = await getContext(orchestrator.client, { include: ['{..,src}/**'] });
    expect(braces.text).not.toContain('not in the workspace');
    const nothing = await getContext(orchestrator.client, { include: ['no-such-dir/**'] });
    expect(nothing.isError).toBe(true);
    expect(nothing.text).toMatch(/No files match/);
  });
});
