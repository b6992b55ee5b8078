// A real client, the Claude Code CLI (installed from the lockfile), reads the .mcp.json `tandem init`
// wrote and reports both servers connected with `claude mcp list`: HOME is a temporary directory, no
// login and no network are needed, and the project's servers are pre-approved the way Claude Code
// records an approval (settings `enabledMcpjsonServers`; docs/clients.md).
import { realpathSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coderMain, orchestratorMain } from './support/paths.js';
import { claudeCli, isolatedEnv, removeHome, runClient } from './support/real-clients.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

// Claude Code phones home for telemetry, error reports and updates unless told not to; `mcp list`
// needs none of it.
const OFFLINE = {
  DISABLE_TELEMETRY: '1',
  DISABLE_ERROR_REPORTING: '1',
  DISABLE_AUTOUPDATER: '1',
  CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
};

/** The temporary HOMEs made here, removed after the tests. */
const homes: NodeJS.ProcessEnv[] = [];

const tandemBin = fileURLToPath(new URL('../bin/tandem.js', import.meta.url));

/** Adds Tandem to the project the way a user does: `tandem init`, which writes .mcp.json. */
async function tandemInit(root: string): Promise<void> {
  const result = await execa(process.execPath, [tandemBin, 'init', root], {
    reject: false,
    timeout: 120_000,
  });
  expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
  const mcp = JSON.parse(await readFile(path.join(root, '.mcp.json'), 'utf8')) as {
    mcpServers: Record<string, { command: string; args: string[] }>;
  };
  expect(mcp.mcpServers.tandem?.args).toEqual([orchestratorMain, '--root', root]);
  expect(mcp.mcpServers['tandem-coder']?.args).toEqual([coderMain, '--root', root]);
}

/**
 * A HOME where the user has trusted the project folder and answered Claude Code's ".mcp.json
 * servers" prompt: the trust flag lives in ~/.claude.json under projects[<path>], the answer in
 * settings (`enabledMcpjsonServers` / `disabledMcpjsonServers`, here the user's settings.json).
 */
async function homeWithApproval(
  root: string,
  approval: { enabled: string[]; disabled: string[] },
): Promise<NodeJS.ProcessEnv> {
  const env = await isolatedEnv(OFFLINE);
  homes.push(env);
  const home = env.HOME as string;
  await mkdir(path.join(home, '.claude'), { recursive: true });
  await writeFile(
    path.join(home, '.claude.json'),
    JSON.stringify({ projects: { [root]: { hasTrustDialogAccepted: true } } }, null, 2),
  );
  await writeFile(
    path.join(home, '.claude', 'settings.json'),
    JSON.stringify(
      { enabledMcpjsonServers: approval.enabled, disabledMcpjsonServers: approval.disabled },
      null,
      2,
    ),
  );
  return env;
}

/** `claude mcp list` prints `<name>: <command> - ✓ Connected` per server it could reach. */
function connected(stdout: string): string[] {
  return [...stdout.matchAll(/^([\w-]+): .* - ✓ Connected$/gm)].map((match) => match[1] as string);
}

// A ceiling for a loaded two-core machine: Claude Code starts both servers and the orchestrator its coder.
describe('claude mcp list', { timeout: 240_000 }, () => {
  let root: string;

  beforeAll(async () => {
    root = realpathSync(await sampleRepoCopy());
    await tandemInit(root);
  }, 180_000);
  afterAll(async () => {
    if (root) await removeCopy(root);
    await Promise.all(homes.map(removeHome));
  });

  it('reports both servers of the approved .mcp.json connected', async () => {
    const env = await homeWithApproval(root, { enabled: ['tandem', 'tandem-coder'], disabled: [] });
    const run = await runClient(claudeCli, ['mcp', 'list'], { cwd: root, env });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(connected(run.stdout).sort(), run.stdout).toEqual(['tandem', 'tandem-coder']);
    expect(run.stdout).toContain(`node ${orchestratorMain} --root ${root}`);
  });

  // Without this, the test above could pass because of some default rather than the approval it sets.
  it('leaves out a server the approval rejects', async () => {
    const env = await homeWithApproval(root, { enabled: ['tandem'], disabled: ['tandem-coder'] });
    const run = await runClient(claudeCli, ['mcp', 'list'], { cwd: root, env });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(connected(run.stdout), run.stdout).toEqual(['tandem']);
    expect(run.stdout).not.toContain('tandem-coder');
  });
});
