// `tandem init` on temp git repositories: a fresh repository gets all five things, an existing
// .mcp.json keeps its other servers and formatting, existing justfiles and .gitignore are appended to
// at most once, a second run changes nothing, and --dry-run shows diffs without writing.
import { chmod, lstat, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '@tandem/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { coderMain, orchestratorMain, tandem, tempGitRepo } from './support/tandem-cli.js';

const dirs: string[] = [];
async function repo(): Promise<string> {
  const dir = await tempGitRepo();
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

const env = { TANDEM_LOG_LEVEL: 'warn' };
const read = (dir: string, rel: string) => readFile(path.join(dir, rel), 'utf8');
const json = async (dir: string, rel: string) => JSON.parse(await read(dir, rel));

/** Every file under dir except .git, with its content: what a run changed. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (rel === '.git' || rel.startsWith(`.git${path.sep}`) || !entry.isFile()) continue;
    files[rel] = await readFile(full, 'utf8');
  }
  return files;
}

describe('tandem init', () => {
  it('writes both client configs, the commented config, the recipe and .gitignore in a fresh repository', async () => {
    const dir = await repo();
    const result = await tandem(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('5 files written');

    const claude = await json(dir, '.mcp.json');
    expect(claude).toEqual({
      mcpServers: {
        tandem: { type: 'stdio', command: 'node', args: [orchestratorMain, '--root', dir], env },
        'tandem-coder': { type: 'stdio', command: 'node', args: [coderMain, '--root', dir], env },
      },
    });
    const cursor = await json(dir, '.cursor/mcp.json');
    expect(cursor.mcpServers.tandem).toEqual({
      command: 'node',
      args: [orchestratorMain, '--root', dir],
      env,
    });
    expect(cursor.mcpServers['tandem-coder']).toEqual({
      command: 'node',
      args: [coderMain, '--root', dir],
      env,
    });
    expect(await read(dir, '.mcp.json')).toMatch(/^\{\n {2}"mcpServers"[\s\S]*\}\n$/);

    const justfile = await read(dir, 'justfile');
    expect(justfile).toMatch(/^agent-validate:$/m);
    // No checks found: the recipe fails and says so rather than passing without checking anything.
    expect(justfile).toContain('@exit 1');

    expect(await read(dir, '.gitignore')).toContain('.tandem/*\n!.tandem/config.yaml\n');
    expect(await read(dir, '.tandem/config.yaml')).toMatch(/^# plan:$/m);
  });

  it('writes a config.yaml that loads as the defaults, and loads with every section uncommented', async () => {
    const dir = await repo();
    expect((await tandem(['init', dir])).code).toBe(0);
    const loaded = loadConfig(dir);
    expect(loaded.found).toBe(true);
    expect(loaded.warnings).toEqual([]);
    const defaults = loadConfig(path.join(dir, 'no-such-dir')).config;
    expect(loaded.config).toEqual(defaults);

    // Uncommented (the header dropped), the file is a complete config equal to the defaults.
    const template = await read(dir, '.tandem/config.yaml');
    const body = template.slice(template.indexOf('\n\n') + 2);
    expect(body.split('\n').every((line) => line === '' || line.startsWith('# '))).toBe(true);
    const sections = body.match(/^# [a-z_]+:/gm)?.map((line) => line.slice(2, -1));
    expect(sections).toEqual(Object.keys(defaults));
    await writeFile(path.join(dir, '.tandem/config.yaml'), body.replace(/^# /gm, ''));
    const uncommented = loadConfig(dir);
    expect(uncommented.config).toEqual(defaults);
  });

  it('guesses the checks from package.json scripts, pyproject.toml and Cargo.toml', async () => {
    const dir = await repo();
    await writeFile(
      path.join(dir, 'package.json'),
      JSON.stringify({
        scripts: { test: 'vitest run', lint: 'biome check', typecheck: 'tsc', build: 'tsc' },
      }),
    );
    await writeFile(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\n');
    await writeFile(path.join(dir, 'Cargo.toml'), '[package]\nname = "x"\n');
    expect((await tandem(['init', dir])).code).toBe(0);
    expect(await read(dir, 'justfile')).toContain(
      'agent-validate:\n    npm run typecheck\n    npm run lint\n    npm run test\n    python -m pytest\n    cargo test\n',
    );
  });

  it('merges into an existing .mcp.json: other servers, keys and layout stay; a stale tandem entry is updated', async () => {
    const dir = await repo();
    const original = [
      '{',
      '    "$schema": "keep-me",',
      '    "mcpServers": {',
      '        "other": { "command": "other-server", "args": ["--flag"], "env": { "TOKEN": "x" } },',
      '        "tandem": { "command": "node", "args": ["/old/checkout/dist/main.js"] }',
      '    },',
      '',
      '    "extra": [1, 2]',
      '}',
      '',
    ].join('\n');
    await writeFile(path.join(dir, '.mcp.json'), original);
    const result = await tandem(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('update .mcp.json: server tandem differed');
    expect(result.stdout).toContain('update .mcp.json: add server tandem-coder');

    const text = await read(dir, '.mcp.json');
    // Everything up to the stale entry's value, and everything after the server map, is byte for byte.
    const head = original.slice(0, original.indexOf('{ "command": "node"'));
    expect(text.startsWith(head)).toBe(true);
    expect(text.endsWith('\n    },\n\n    "extra": [1, 2]\n}\n')).toBe(true);
    // Inserted entries follow the file's 4-space indentation.
    expect(text).toContain('\n        "tandem-coder": {\n            "type": "stdio",\n');
    const merged = JSON.parse(text);
    expect(Object.keys(merged)).toEqual(['$schema', 'mcpServers', 'extra']);
    expect(Object.keys(merged.mcpServers)).toEqual(['other', 'tandem', 'tandem-coder']);
    expect(merged.mcpServers.tandem.args).toEqual([orchestratorMain, '--root', dir]);
    expect((await tandem(['init', dir])).stdout).toContain('nothing to change');
  });

  it('changes nothing on a second run', async () => {
    const dir = await repo();
    expect((await tandem(['init', dir])).code).toBe(0);
    const before = await snapshot(dir);
    const again = await tandem(['init'], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('nothing to change');
    expect(await snapshot(dir)).toEqual(before);
    const dry = await tandem(['init', '--dry-run', dir]);
    expect(dry.stdout.trim()).toBe('tandem init: nothing to change.');
  });

  it('--dry-run prints unified diffs and writes nothing', async () => {
    const dir = await repo();
    await writeFile(path.join(dir, '.gitignore'), 'node_modules/\n');
    const before = await snapshot(dir);
    const result = await tandem(['init', '--dry-run', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(await snapshot(dir)).toEqual(before);
    expect(result.stdout).toContain('--- /dev/null\n+++ b/.mcp.json\n@@ -0,0 +1,28 @@\n+{');
    expect(result.stdout).toContain('+++ b/.cursor/mcp.json');
    expect(result.stdout).toContain('+++ b/.tandem/config.yaml');
    expect(result.stdout).toContain('+++ b/justfile');
    expect(result.stdout).toContain(
      '--- a/.gitignore\n+++ b/.gitignore\n@@ -1,1 +1,5 @@\n node_modules/\n+\n+# Tandem: state is ignored, the config is committed\n+.tandem/*\n+!.tandem/config.yaml',
    );
  });

  it('appends agent-validate to a justfile without it, keeping its recipes and mode', async () => {
    const dir = await repo();
    const original = 'build:\n    echo building\n';
    await writeFile(path.join(dir, 'Justfile'), original);
    await chmod(path.join(dir, 'Justfile'), 0o755);
    const result = await tandem(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    const text = await read(dir, 'Justfile');
    expect(text.startsWith(`${original}\n# Tandem's validation`)).toBe(true);
    expect(text).toMatch(/^agent-validate:$/m);
    expect(await readdir(dir)).not.toContain('justfile');
  });

  it('leaves a justfile that already has agent-validate alone', async () => {
    const dir = await repo();
    const original =
      'set shell := ["bash", "-c"]\n\n# ours\nagent-validate *args:\n    make check {{args}}\n';
    await writeFile(path.join(dir, 'justfile'), original);
    const result = await tandem(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('keep justfile: it has agent-validate');
    expect(await read(dir, 'justfile')).toBe(original);
  });

  it('adds only the missing .gitignore line and keeps the rest', async () => {
    const dir = await repo();
    await writeFile(path.join(dir, '.gitignore'), 'dist\n.tandem/*');
    await mkdir(path.join(dir, '.tandem'));
    expect((await tandem(['init', dir])).code).toBe(0);
    expect(await read(dir, '.gitignore')).toBe(
      'dist\n.tandem/*\n\n# Tandem: state is ignored, the config is committed\n!.tandem/config.yaml\n',
    );
  });

  it('says when .gitignore ignores the whole .tandem/ directory, and keeps that line', async () => {
    const dir = await repo();
    await writeFile(path.join(dir, '.gitignore'), '.tandem/\n');
    const result = await tandem(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('a line ignores the whole .tandem/ directory');
    expect((await read(dir, '.gitignore')).startsWith('.tandem/\n')).toBe(true);
  });

  it('writes through a symlinked .mcp.json to its target', async () => {
    const dir = await repo();
    const shared = path.join(dir, 'shared-mcp.json');
    await writeFile(shared, '{\n  "mcpServers": {}\n}\n');
    await symlink('shared-mcp.json', path.join(dir, '.mcp.json'));
    expect((await tandem(['init', dir])).code).toBe(0);
    expect((await lstat(path.join(dir, '.mcp.json'))).isSymbolicLink()).toBe(true);
    expect(Object.keys(JSON.parse(await readFile(shared, 'utf8')).mcpServers)).toEqual([
      'tandem',
      'tandem-coder',
    ]);
  });
});
