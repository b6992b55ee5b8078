// The message convention: Conventional Commits by default, types and scopes from cog.toml,
// .conform.yaml or a commitlint config (static forms parsed, JS forms run in a child node process).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { tandemConfig } from '@tandem/shared';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkMessage, loadConvention } from '../src/git/convention.js';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

const defaults = tandemConfig.parse({}).git;
const signal = new AbortController().signal;

describe('the convention a project declares', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-convention-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  const problems = async (message: string) =>
    checkMessage(message, await loadConvention(dir, defaults, signal));

  it('is Conventional Commits with the usual types by default', async () => {
    expect(await problems('feat(api)!: add a thing\n\nWhy it matters.')).toEqual([]);
    expect(await problems('fix: a bug')).toEqual([]);
    expect(await problems('Add a thing')).toEqual([
      expect.stringMatching(/is not "type\(scope\)!: subject"/),
    ]);
    expect(await problems('feature: add a thing')).toEqual(['the type "feature" is not allowed']);
    expect(await problems('feat: add\nbody without blank line')).toEqual([
      'the body must be separated from the header by a blank line',
    ]);
    expect(await problems(`feat: ${'x'.repeat(120)}`)).toEqual([
      expect.stringMatching(/at most 100 are allowed/),
    ]);
    expect(await problems('feat:no space')).toHaveLength(1);
    expect(await problems('feat(): empty scope')).toEqual(['the scope in () is empty']);
  });

  it('reads types and scopes from cog.toml, on top of cocogitto defaults', async () => {
    await writeFile(
      path.join(dir, 'cog.toml'),
      'scopes = ["api", "ui"]\n[commit_types]\nhotfix = { changelog_title = "Hotfixes" }\n',
    );
    const convention = await loadConvention(dir, defaults, signal);
    expect(convention.source).toBe('cog.toml');
    expect(convention.types).toEqual(expect.arrayContaining(['feat', 'fix', 'hotfix']));
    expect(await problems('hotfix(api): urgent')).toEqual([]);
    expect(await problems('feat(db): x')).toEqual(['the scope "db" is not allowed']);
  });

  it('honours disable_default_commit_types in cog.toml', async () => {
    await writeFile(
      path.join(dir, 'cog.toml'),
      'disable_default_commit_types = true\n[commit_types]\nship = {}\n',
    );
    expect(await problems('ship: it')).toEqual([]);
    expect(await problems('feat: it')).toEqual(['the type "feat" is not allowed']);
  });

  it('reads .conform.yaml: conventional types (plus feat and fix), scopes and header length', async () => {
    await writeFile(
      path.join(dir, '.conform.yaml'),
      [
        'policies:',
        '  - type: commit',
        '    spec:',
        '      header: { length: 40 }',
        '      conventional:',
        '        types: [chore, release]',
        '        scopes: [core]',
      ].join('\n'),
    );
    const convention = await loadConvention(dir, defaults, signal);
    expect(convention).toMatchObject({ source: '.conform.yaml', maxHeaderLength: 40, scopes: ['core'] });
    expect(await problems('release(core): 1.2')).toEqual([]);
    expect(await problems('feat: allowed by conform')).toEqual([]);
    expect(await problems('docs: readme')).toEqual(['the type "docs" is not allowed']);
    expect(await problems(`chore: ${'y'.repeat(40)}`)).toEqual([expect.stringMatching(/at most 40/)]);
  });

  it('reads .commitlintrc.json rules', async () => {
    await writeFile(
      path.join(dir, '.commitlintrc.json'),
      JSON.stringify({
        rules: {
          'type-enum': [2, 'always', ['add', 'cut']],
          'scope-enum': [2, 'always', ['web']],
          'scope-empty': [2, 'never'],
          'header-max-length': [2, 'always', 50],
        },
      }),
    );
    expect(await problems('add(web): page')).toEqual([]);
    expect(await problems('add: page')).toEqual(['a scope is required']);
    expect(await problems('feat(web): page')).toEqual(['the type "feat" is not allowed']);
  });

  it('reads the commitlint key of package.json and YAML rc files', async () => {
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'x', commitlint: { rules: { 'type-enum': [2, 'always', ['pkg']] } } }),
    );
    expect(await problems('pkg: ok')).toEqual([]);
    await rm(path.join(dir, 'package.json'));
    await writeFile(path.join(dir, '.commitlintrc.yml'), "rules:\n  type-enum: [2, always, ['yml']]\n");
    expect(await problems('yml: ok')).toEqual([]);
    expect(await problems('feat: no')).toEqual(['the type "feat" is not allowed']);
  });

  it('runs a JS config in a child process, resolving extends relative to it', async () => {
    await writeFile(
      path.join(dir, 'base.cjs'),
      "module.exports = { rules: { 'type-enum': [2, 'always', ['base', 'other']], 'scope-enum': [2, 'always', ['s']] } };\n",
    );
    await writeFile(
      path.join(dir, 'commitlint.config.cjs'),
      "module.exports = { extends: ['./base.cjs'], rules: { 'type-enum': [2, 'always', ['mine']] } };\n",
    );
    const convention = await loadConvention(dir, defaults, signal);
    expect(convention).toMatchObject({ source: 'commitlint.config.cjs', types: ['mine'], scopes: ['s'] });
  });

  it("falls back to config-conventional's types when that preset is not installed", async () => {
    await writeFile(
      path.join(dir, '.commitlintrc.json'),
      JSON.stringify({ extends: ['@commitlint/config-conventional'] }),
    );
    const convention = await loadConvention(dir, defaults, signal);
    expect(convention.types).toEqual(expect.arrayContaining(['feat', 'fix', 'chore']));
    expect(convention.notes.join(' ')).toMatch(/not installed/);
  });

  it('does not load TypeScript configs and says so', async () => {
    await writeFile(
      path.join(dir, 'commitlint.config.ts'),
      "export default { rules: { 'type-enum': [2, 'always', ['ts']] } };\n",
    );
    const convention = await loadConvention(dir, defaults, signal);
    expect(convention.source).toBe('config git.commit');
    expect(convention.notes.join(' ')).toMatch(/TypeScript, which Tandem does not load/);
  });

  it('stops a JS config that never finishes loading', async () => {
    await writeFile(path.join(dir, 'commitlint.config.mjs'), 'for (;;) {}\n');
    await expect(loadConvention(dir, defaults, signal)).rejects.toThrow(/did not load within 10 s/);
  }, 30_000);
});

describe('commit with a message that breaks the convention', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    repo = await makeGitRepo();
    await writeFile(path.join(repo.dir, 'cog.toml'), 'scopes = ["core"]\n');
    gitIn(repo.dir, 'add', 'cog.toml');
    gitIn(repo.dir, 'commit', '-q', '-m', 'chore: cog');
    orchestrator = await connectOrchestrator(repo.dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await repo?.remove();
  });

  it('is refused before anything is staged, naming the allowed types and scopes', async () => {
    await writeFile(path.join(repo.dir, 'src', 'c.ts'), 'export const c = 1;\n');
    const reply = await callTool(orchestrator, 'commit', {
      message: 'update(web): stuff',
      files: ['src/c.ts'],
    });
    expect(reply.isError).toBe(true);
    expect(reply.text).toContain('the type "update" is not allowed');
    expect(reply.text).toContain('the scope "web" is not allowed');
    expect(reply.text).toMatch(/Allowed types \(cog\.toml\): feat, fix/);
    expect(reply.text).toContain('Allowed scopes: core.');
    expect(gitIn(repo.dir, 'diff', '--cached', '--name-only')).toBe('');
    const accepted = await callTool(orchestrator, 'commit', {
      message: 'feat(core): stuff',
      files: ['src/c.ts'],
    });
    expect(accepted.isError, accepted.text).toBe(false);
  });
});
