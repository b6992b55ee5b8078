// commitlint configs written in JavaScript, and `extends` of any commitlint config, can only be
// known by running them. They run the way commitlint itself would run them — but in a child node
// process with a deadline, so a config that hangs, throws or prints cannot take the server with it.
// TypeScript configs are not loaded (node 20 cannot import .ts); the caller says so.

/** The rules the convention uses, after `extends` are merged (later entries win). */
export interface CommitlintRules {
  rules: Record<string, unknown>;
  /** `extends` entries that could not be resolved from the project. */
  unresolved: string[];
}

const LOADER = String.raw`
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
const [mode, target, base] = process.argv.slice(1);
const unresolved = [];
async function settle(value) {
  let v = await value;
  if (typeof v === 'function') v = await v();
  return v && typeof v === 'object' ? v : {};
}
async function importFile(file) {
  const mod = await import(pathToFileURL(file).href);
  return settle(mod.default ?? mod);
}
function candidates(name) {
  if (name.startsWith('.') || path.isAbsolute(name)) return [name];
  if (name.startsWith('@')) {
    const [scope, rest] = name.split('/');
    return rest ? [name, scope + '/commitlint-config-' + rest] : [scope + '/commitlint-config'];
  }
  return ['@commitlint/config-' + name, 'commitlint-config-' + name, name];
}
async function resolveConfig(config, dir, depth) {
  const rules = {};
  const ext = config.extends === undefined ? [] : [].concat(config.extends);
  for (const name of ext) {
    if (typeof name !== 'string') continue;
    const require = createRequire(path.join(dir, 'noop.js'));
    let file;
    for (const candidate of candidates(name)) {
      try { file = require.resolve(candidate); break; } catch {}
    }
    if (!file || depth > 10) { unresolved.push(name); continue; }
    const loaded = await resolveConfig(await importFile(file), path.dirname(file), depth + 1);
    Object.assign(rules, loaded);
  }
  const own = config.rules && typeof config.rules === 'object' ? config.rules : {};
  for (const [key, value] of Object.entries(own)) {
    rules[key] = typeof value === 'function' ? await value() : await value;
  }
  return rules;
}
let config;
if (mode === 'file') config = await importFile(target);
else {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  config = JSON.parse(input);
}
const rules = await resolveConfig(config, base, 0);
process.stdout.write('\n@@TANDEM@@' + JSON.stringify({ rules, unresolved }));
process.exit(0);
`;

const TIMEOUT_MS = 10_000;

/**
 * Loads a commitlint config: `file` (a JS module) or a config object already parsed from a static
 * form, whose `extends` still need resolving from `root`.
 */
export async function loadCommitlint(
  root: string,
  source: { file: string } | { config: unknown },
  signal: AbortSignal,
): Promise<CommitlintRules> {
  const { execa } = await import('execa');
  const args = ['--input-type=module', '-e', LOADER, '--'];
  const child =
    'file' in source
      ? execa(process.execPath, [...args, 'file', source.file, root], {
          cwd: root,
          reject: false,
          detached: true,
          stdin: 'ignore',
        })
      : execa(process.execPath, [...args, 'json', '-', root], {
          cwd: root,
          reject: false,
          detached: true,
          input: JSON.stringify(source.config),
        });
  const stop = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const timer = setTimeout(stop, TIMEOUT_MS);
  signal.addEventListener('abort', stop, { once: true });
  try {
    const result = await child;
    signal.throwIfAborted();
    const stdout = String(result.stdout ?? '');
    const at = stdout.lastIndexOf('\n@@TANDEM@@');
    if (result.exitCode !== 0 || at < 0) {
      const why =
        result.signal !== undefined
          ? `did not load within ${TIMEOUT_MS / 1000} s`
          : String(result.stderr ?? '')
              .trim()
              .split('\n')
              .slice(-3)
              .join(' ') || `exit code ${result.exitCode}`;
      throw new Error(why);
    }
    return JSON.parse(stdout.slice(at + '\n@@TANDEM@@'.length)) as CommitlintRules;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
