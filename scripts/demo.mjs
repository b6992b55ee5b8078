#!/usr/bin/env node
// The demo: what a coding agent's client sees. It starts the orchestrator on a workspace (the embedded
// examples/sample-repo unless a path is given) over stdio with the real MCP SDK client, connects to the
// coder as a client configured with both servers would, calls their tools, and prints a summary.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = path.resolve(process.argv[2] ?? path.join(repo, 'examples', 'sample-repo'));
const steps = [];
const run = promisify(execFile);
/** Copies of the sample repo leave out its local `.tandem/` state (audit, caches from earlier runs). */
const withoutState = (source) => path.basename(source) !== '.tandem';
const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);

async function step(title, work) {
  const started = performance.now();
  try {
    const detail = await work();
    const ms = performance.now() - started;
    steps.push({ title, ms, ok: true });
    console.log(`\n${bold(`▸ ${title}`)} ${dim(`(${ms.toFixed(0)} ms)`)}\n${detail}`);
  } catch (error) {
    const ms = performance.now() - started;
    steps.push({ title, ms, ok: false });
    console.log(`\n${bold(`✗ ${title}`)} ${dim(`(${ms.toFixed(0)} ms)`)}\n  ${error.message}`);
    process.exitCode = 1;
  }
}

function indent(text, prefix = '  ') {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

function textOf(result) {
  const text = result.content.map((part) => part.text ?? '').join('\n');
  if (result.isError) throw new Error(text);
  return text;
}

async function connect(name, entry, root = workspace) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(repo, entry), '--root', root],
    stderr: 'pipe', // server logs stay out of the demo's output
    env: { ...process.env, TANDEM_LOG_LEVEL: 'warn' },
  });
  const client = new Client({ name: `tandem-demo (${name})`, version: '1.0.0' });
  await client.connect(transport);
  return { client, transport };
}

console.log(`${bold('Tandem demo')} — workspace ${workspace}`);

let orchestrator;
let coder;
await step('Start the orchestrator over stdio (spawn → initialize)', async () => {
  orchestrator = await connect('orchestrator', 'apps/orchestrator/dist/main.js');
  const info = orchestrator.client.getServerVersion();
  return `  ${info.name} ${info.version}, pid ${orchestrator.transport.pid}`;
});

await step("List the orchestrator's tools", async () => {
  const { tools } = await orchestrator.client.listTools();
  return tools.map((tool) => `  ${tool.name.padEnd(20)} ${tool.description}`).join('\n');
});

let firstStatus;
let rewriteIds = [];
let rewriteCount;
await step('status — the orchestrator reaches its coder over stdio (lazy start)', async () => {
  const result = await orchestrator.client.callTool({ name: 'status', arguments: {} });
  firstStatus = result.structuredContent;
  return indent(textOf(result));
});

await step('Start the coder as its own server (as .mcp.json configures it) and list its tools', async () => {
  coder = await connect('coder', 'apps/coder/dist/main.js');
  const { tools } = await coder.client.listTools();
  return tools.map((tool) => `  ${tool.name.padEnd(20)} ${tool.description}`).join('\n');
});

await step('list_languages', async () => {
  const result = await coder.client.callTool({ name: 'list_languages', arguments: {} });
  return indent(textOf(result));
});

await step('dump_syntax_tree of scripts/report.py (ast, first 12 nodes)', async () => {
  const result = await coder.client.callTool({
    name: 'dump_syntax_tree',
    arguments: { path: 'scripts/report.py', format: 'ast', max_nodes: 12 },
  });
  return indent(textOf(result));
});

await step('dump_syntax_tree of an ast-grep pattern (how the coder will read it)', async () => {
  const result = await coder.client.callTool({
    name: 'dump_syntax_tree',
    arguments: { code: 'console.log($MSG, $$$REST)', language: 'typescript', format: 'pattern' },
  });
  return indent(textOf(result));
});

await step('ast_search — one pattern across languages (no language given)', async () => {
  const result = await coder.client.callTool({
    name: 'ast_search',
    arguments: { pattern: 'import $X', limit: 6 },
  });
  return indent(textOf(result));
});

await step('ast_search — a YAML rule with a relational rule and a constraint', async () => {
  const rule = [
    'rule:',
    '  pattern: console.$METHOD($$$ARGS)',
    '  inside: { kind: function_declaration, stopBy: end }',
    'constraints:',
    '  METHOD: { regex: ^(log|error)$ }',
  ].join('\n');
  const result = await coder.client.callTool({
    name: 'ast_search',
    arguments: { rule, language: 'typescript' },
  });
  return indent(textOf(result));
});

await step('ast_search — no match is a result with a checked hint, not an error', async () => {
  const rule = 'rule:\n  pattern: return $X\n  inside:\n    kind: function_declaration';
  const result = await coder.client.callTool({
    name: 'ast_search',
    arguments: { rule, language: 'typescript' },
  });
  return indent(textOf(result));
});

let scratch;
let scratchCoder;
await step('ast_rewrite — dry run on a scratch copy of the sample repo: a diff and change ids', async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'tandem-demo-'));
  await cp(path.join(repo, 'examples', 'sample-repo'), scratch, { recursive: true, filter: withoutState });
  scratchCoder = await connect('coder on scratch', 'apps/coder/dist/main.js', scratch);
  const result = await scratchCoder.client.callTool({
    name: 'ast_rewrite',
    arguments: { pattern: 'console.log($$$A)', rewrite: 'logger.info($$$A)', paths: ['src'] },
  });
  rewriteIds = result.structuredContent?.files?.map((file) => file.file_id) ?? [];
  rewriteCount = result.structuredContent?.total_changes;
  return indent(textOf(result));
});

await step('ast_rewrite — apply those ids (stale-safe, atomic), then search again', async () => {
  const applied = await scratchCoder.client.callTool({
    name: 'ast_rewrite',
    arguments: {
      pattern: 'console.log($$$A)',
      rewrite: 'logger.info($$$A)',
      paths: ['src'],
      apply: true,
      change_ids: rewriteIds,
      expected_count: rewriteCount,
    },
  });
  const again = await scratchCoder.client.callTool({
    name: 'ast_search',
    arguments: { pattern: 'console.log($$$A)', paths: ['src'] },
  });
  return indent(`${textOf(applied)}\nsearch again: ${textOf(again).split('\n')[0]}`);
});

await step('validate_syntax — the whole sample repo, then a broken snippet', async () => {
  const repoCheck = await coder.client.callTool({ name: 'validate_syntax', arguments: {} });
  const snippet = await coder.client.callTool({
    name: 'validate_syntax',
    arguments: { code: 'def total(items:\n    return sum(items)\n', language: 'python' },
  });
  return indent(`${textOf(repoCheck)}\n${textOf(snippet)}`);
});

await step(
  "lint — the project's own linters on the scratch copy (a missing linter is never a pass)",
  async () => {
    await writeFile(
      path.join(scratch, 'scripts', 'cleanup.sh'),
      '#!/bin/sh\ntarget=$1\nrm -rf $target/tmp\n',
    );
    const result = await scratchCoder.client.callTool({ name: 'lint', arguments: {} });
    return indent(textOf(result));
  },
);

await step('scan_secrets — a token committed by mistake, found and masked (never echoed back)', async () => {
  // Built at run time so this repository never holds anything that looks like a real token.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const body = Array.from(randomBytes(36), (byte) => alphabet[byte % alphabet.length]).join('');
  await writeFile(
    path.join(scratch, 'scripts', 'settings.py'),
    `GITHUB_TOKEN = "${['gh', 'p_'].join('')}${body}"\n`,
  );
  const result = await scratchCoder.client.callTool({ name: 'scan_secrets', arguments: {} });
  const text = textOf(result);
  if (text.includes(body)) throw new Error('the scan echoed the secret back');
  return indent(text);
});

// The orchestrator's workflow on a scratch git repository: the same sample, committed on main.
let flow;
let flowRoot;
const firstLines = (text, count) => text.split('\n').slice(0, count).join('\n');
await step('Workflow — a scratch git repo of the sample (main), with the orchestrator on it', async () => {
  flowRoot = await mkdtemp(path.join(os.tmpdir(), 'tandem-demo-flow-'));
  await cp(path.join(repo, 'examples', 'sample-repo'), flowRoot, { recursive: true, filter: withoutState });
  const git = (...args) => run('git', args, { cwd: flowRoot });
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Tandem Demo');
  await git('config', 'user.email', 'demo@tandem.invalid');
  await git('add', '-A');
  await git('commit', '-qm', 'chore: import the ledger sample');
  // Committing is its own permission class: the default developer role may not, a maintainer may.
  await mkdir(path.join(flowRoot, '.tandem'), { recursive: true });
  await writeFile(path.join(flowRoot, '.tandem', 'config.yaml'), 'identity:\n  role: maintainer\n');
  flow = await connect('orchestrator on the scratch repo', 'apps/orchestrator/dist/main.js', flowRoot);
  return indent(`git repo at ${flowRoot}, branch main, 1 commit; role maintainer (.tandem/config.yaml)`);
});

await step('get_codebase_context — the sample repo packed by Repomix within 3,000 tokens', async () => {
  const result = await flow.client.callTool({
    name: 'get_codebase_context',
    arguments: { token_budget: 3000 },
  });
  const text = textOf(result);
  const { output_id: outputId } = result.structuredContent;
  const grep = await flow.client.callTool({
    name: 'read_context',
    arguments: { output_id: outputId, grep: 'def summarize', context_lines: 1 },
  });
  return indent(
    `${firstLines(text, 1)}\nread_context grep "def summarize" in the full pack:\n${textOf(grep)}`,
  );
});

await step('list_tasks — the justfile recipes, and which ones this caller may run', async () => {
  const result = await flow.client.callTool({ name: 'list_tasks', arguments: {} });
  return indent(textOf(result));
});

await step('read_backlog — the Backlog.md tasks still to do', async () => {
  const result = await flow.client.callTool({ name: 'read_backlog', arguments: { status: 'To Do' } });
  return indent(textOf(result));
});

await step('memory — a pinned decision, which every consultation will carry', async () => {
  const result = await flow.client.callTool({
    name: 'memory',
    arguments: {
      action: 'add',
      kind: 'decision',
      title: 'Pin nixpkgs to a release branch',
      context: 'Contributors and CI must build the same dev shell.',
      decision: 'flake.nix follows nixos-24.05; updates come as reviewed pull requests.',
      tags: ['nix'],
      pinned: true,
    },
  });
  return indent(firstLines(textOf(result), 4));
});

await step('plan — Plan → Consult → Implement → Validate, as state the orchestrator keeps', async () => {
  const result = await flow.client.callTool({
    name: 'plan',
    arguments: {
      action: 'create',
      goal: 'Tidy the report totals without changing the numbers',
      steps: [
        { title: 'Ask the platform expert about the dev shell', phase: 'consult' },
        { title: 'Rewrite the expense total', phase: 'implement' },
        { title: 'Run agent-validate', phase: 'validate' },
      ],
    },
  });
  return indent(firstLines(textOf(result), 8));
});

await step(
  'consult_specialist — ask the platform expert about the flake (grounded in the repo)',
  async () => {
    const result = await flow.client.callTool({
      name: 'consult_specialist',
      arguments: {
        role: 'platform_expert',
        question: 'Is this flake a good dev shell for the project? What would you change first?',
      },
    });
    const { path: answerPath, files_attached: attached } = result.structuredContent ?? {};
    const files = (attached ?? []).map((file) => `${file.path} (${file.reason}, ${file.tokens} tokens)`);
    return indent(
      `${firstLines(textOf(result), 1)}\npath: ${answerPath}; attached:\n  ${files.slice(0, 6).join('\n  ')}\n  … ${Math.max(0, files.length - 6)} more (a compressed slice of the rest)`,
    );
  },
);

await step('code_search — every match placed in its enclosing function, method or class', async () => {
  const result = await flow.client.callTool({
    name: 'code_search',
    arguments: { pattern: 'throw new Error($$$A)', paths: ['src'] },
  });
  return indent(firstLines(textOf(result), 12));
});

await step('refactor — dry run, apply, `just agent-validate` passes: the change is kept', async () => {
  const result = await flow.client.callTool({
    name: 'refactor',
    arguments: {
      pattern: 'sum(self.expenses.values())',
      rewrite: 'sum(cents for cents in self.expenses.values())',
      language: 'python',
      dry_run: false,
    },
  });
  const text = textOf(result);
  if (result.structuredContent?.outcome !== 'kept') throw new Error(`expected kept:\n${text}`);
  return indent(firstLines(text, 16));
});

await step('refactor — a change that breaks the tests is rolled back byte for byte', async () => {
  const result = await flow.client.callTool({
    name: 'refactor',
    arguments: {
      pattern: 'summary.income += $X',
      rewrite: 'summary.income -= $X',
      language: 'python',
      dry_run: false,
    },
  });
  const text = textOf(result);
  if (result.structuredContent?.outcome !== 'rolled_back') throw new Error(`expected rolled_back:\n${text}`);
  return indent(firstLines(text, 12));
});

await step('validate — `just agent-validate`, then the plan shows where it stands', async () => {
  const validation = await flow.client.callTool({ name: 'validate', arguments: {} });
  const shown = await flow.client.callTool({ name: 'plan', arguments: { action: 'show' } });
  return indent(`${firstLines(textOf(validation), 1)}\n${textOf(shown)}`);
});

await step('review_changes — what the kept refactor changed (stat only)', async () => {
  const result = await flow.client.callTool({ name: 'review_changes', arguments: { stat_only: true } });
  return indent(textOf(result));
});

await step(
  'commit — branch-first: never on main, a Conventional Commits message, secrets scanned',
  async () => {
    const refused = await flow.client.callTool({
      name: 'commit',
      arguments: { message: 'made the report nicer', files: ['scripts/report.py'] },
    });
    const result = await flow.client.callTool({
      name: 'commit',
      arguments: {
        message: 'refactor(report): spell out the expense total as a generator',
        files: ['scripts/report.py'],
      },
    });
    const { stdout } = await run('git', ['log', '--oneline', '--all', '--decorate'], { cwd: flowRoot });
    return indent(
      `a message without a type → isError: ${refused.isError}: ${refused.content[0].text.split('\n')[0]}\n${textOf(result)}\n${stdout.trimEnd()}`,
    );
  },
);

await step(
  'Governance — a viewer (role from .tandem/config.yaml) neither sees nor runs ast_rewrite',
  async () => {
    const viewerRoot = await mkdtemp(path.join(os.tmpdir(), 'tandem-demo-viewer-'));
    await cp(path.join(repo, 'examples', 'sample-repo'), viewerRoot, {
      recursive: true,
      filter: withoutState,
    });
    await mkdir(path.join(viewerRoot, '.tandem'), { recursive: true });
    await writeFile(path.join(viewerRoot, '.tandem', 'config.yaml'), 'identity:\n  role: viewer\n');
    const viewer = await connect('coder as a viewer', 'apps/coder/dist/main.js', viewerRoot);
    try {
      const { tools } = await viewer.client.listTools();
      const refused = await viewer.client.callTool({
        name: 'ast_rewrite',
        arguments: { pattern: 'console.log($$$A)', rewrite: 'logger.info($$$A)' },
      });
      return indent(
        `tools listed: ${tools.map((tool) => tool.name).join(', ')}\nast_rewrite → isError: ${refused.isError}: ${refused.content[0].text.split('\n')[0]}`,
      );
    } finally {
      await viewer.client.close();
      await rm(viewerRoot, { recursive: true, force: true });
    }
  },
);

await step(
  'tandem audit --stats — every call of this demo on the scratch copy, from .tandem/audit/',
  async () => {
    const { stdout } = await run(process.execPath, [
      path.join(repo, 'apps', 'orchestrator', 'dist', 'cli', 'tandem.js'),
      'audit',
      '--root',
      scratch,
      '--stats',
    ]);
    return indent(stdout.trimEnd());
  },
);

await step('A bad call answers with a clear error, not a crash', async () => {
  const result = await coder.client.callTool({
    name: 'dump_syntax_tree',
    arguments: { path: '../../etc/passwd' },
  });
  return `  isError: ${result.isError}\n  ${result.content[0].text}`;
});

await step('Supervision — kill the coder, and the next status restarts it', async () => {
  const pid = firstStatus?.coder?.pid;
  if (!pid) throw new Error('no coder pid from the first status call');
  process.kill(pid, 'SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 100));
  const result = await orchestrator.client.callTool({ name: 'status', arguments: {} });
  const health = result.structuredContent.coder;
  return `  killed pid ${pid}; now ${health.state}, pid ${health.pid}, restarts ${health.restarts}\n  last error: ${health.last_error}`;
});

await orchestrator?.client.close();
await coder?.client.close();
await scratchCoder?.client.close();
await flow?.client.close();
if (scratch) await rm(scratch, { recursive: true, force: true });
if (flowRoot) await rm(flowRoot, { recursive: true, force: true });

console.log(`\n${bold('Summary')}`);
for (const { title, ms, ok } of steps)
  console.log(`  ${ok ? '✓' : '✗'} ${String(Math.round(ms)).padStart(5)} ms  ${title}`);
const total = steps.reduce((sum, s) => sum + s.ms, 0);
console.log(`  ${steps.filter((s) => s.ok).length}/${steps.length} steps passed in ${Math.round(total)} ms`);
