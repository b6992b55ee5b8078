// A real third-party client, the MCP Inspector CLI (2.12.0, installed from the lockfile), lists and
// calls the tools of both built servers: over stdio (it spawns them) and over Streamable HTTP (the
// orchestrator behind an HS256 bearer token, the coder with --no-auth on loopback).
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coderMain, orchestratorMain } from './support/paths.js';
import {
  type CliRun,
  type HttpServer,
  inspectorCli,
  isolatedEnv,
  jsonOf,
  removeHome,
  runClient,
  startHttpServer,
} from './support/real-clients.js';
import { removeCopy, sampleRepoCopy } from './support/workspace.js';

const SECRET = 'inspector-cli-test-secret-0123456789abcdef';

interface ToolList {
  tools: { name: string }[];
}
interface CallResult {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
}

const ORCHESTRATOR_TOOLS = ['status'];
const CODER_TOOLS = ['list_languages', 'ast_search', 'ast_rewrite', 'validate_syntax', 'lint'];

function namesOf(run: CliRun): string[] {
  expect(run.exitCode, run.stderr).toBe(0);
  return jsonOf<ToolList>(run).tools.map((tool) => tool.name);
}

function callOf(run: CliRun): CallResult {
  expect(run.exitCode, run.stderr).toBe(0);
  const result = jsonOf<CallResult>(run);
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result;
}

/** The orchestrator's status: it answers, and it found its coder healthy with the coder's tools. */
function expectHealthyStatus(result: CallResult): void {
  const status = result.structuredContent as {
    server: { name: string };
    coder: { state: string; tools: string[] };
  };
  expect(status.server.name).toBe('tandem-orchestrator');
  expect(status.coder.state).toBe('ready');
  expect(status.coder.tools).toEqual(expect.arrayContaining(CODER_TOOLS));
}

/** list_languages: the built-in languages at least, in the structured result and the text. */
function expectLanguages(result: CallResult): void {
  const text = result.content.map((part) => part.text ?? '').join('\n');
  expect(text).toMatch(/^typescript \(/m);
  expect(text).toMatch(/^python \(/m);
  expect(JSON.stringify(result.structuredContent)).toContain('"typescript"');
}

// Each test runs the client twice, and each run starts a server (the orchestrator also its coder):
// a ceiling for a loaded two-core machine, not an expectation.
describe('the MCP Inspector CLI', { timeout: 240_000 }, () => {
  let root: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    root = await sampleRepoCopy();
    env = await isolatedEnv();
  });
  afterAll(async () => {
    if (root) await removeCopy(root);
    await removeHome(env);
  });

  describe('over stdio', () => {
    // The server command comes first, the Inspector's flags after it.
    const orchestrator = () => ['--cli', process.execPath, orchestratorMain, '--root', root];
    const coder = () => ['--cli', process.execPath, coderMain, '--root', root];

    it('lists the orchestrator tools and calls status, which finds the coder ready', async () => {
      const names = namesOf(
        await runClient(inspectorCli, [...orchestrator(), '--method', 'tools/list'], { cwd: root, env }),
      );
      expect(names).toEqual(expect.arrayContaining(ORCHESTRATOR_TOOLS));
      expectHealthyStatus(
        callOf(
          await runClient(
            inspectorCli,
            [...orchestrator(), '--method', 'tools/call', '--tool-name', 'status'],
            { cwd: root, env },
          ),
        ),
      );
    });

    it('lists the coder tools and calls list_languages', async () => {
      const names = namesOf(
        await runClient(inspectorCli, [...coder(), '--method', 'tools/list'], { cwd: root, env }),
      );
      expect(names).toEqual(expect.arrayContaining(CODER_TOOLS));
      expectLanguages(
        callOf(
          await runClient(
            inspectorCli,
            [...coder(), '--method', 'tools/call', '--tool-name', 'list_languages'],
            { cwd: root, env },
          ),
        ),
      );
    });
  });

  describe('over Streamable HTTP', () => {
    let orchestrator: HttpServer | undefined;
    let coder: HttpServer | undefined;
    let token: string;

    beforeAll(async () => {
      token = await new SignJWT({ role: 'developer' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('inspector')
        .setExpirationTime('30m')
        .sign(new TextEncoder().encode(SECRET));
      orchestrator = await startHttpServer(orchestratorMain, root, [], { ...env, TANDEM_JWT_SECRET: SECRET });
      coder = await startHttpServer(coderMain, root, ['--no-auth'], env);
    }, 120_000);
    afterAll(async () => {
      await Promise.all([orchestrator?.stop(), coder?.stop()]);
    });

    it('lists the orchestrator tools and calls status with a bearer token', async () => {
      const target = () => [
        '--cli',
        orchestrator?.url ?? '',
        '--transport',
        'http',
        '--header',
        `Authorization: Bearer ${token}`,
      ];
      const names = namesOf(
        await runClient(inspectorCli, [...target(), '--method', 'tools/list'], { cwd: root, env }),
      );
      expect(names).toEqual(expect.arrayContaining(ORCHESTRATOR_TOOLS));
      expectHealthyStatus(
        callOf(
          await runClient(inspectorCli, [...target(), '--method', 'tools/call', '--tool-name', 'status'], {
            cwd: root,
            env,
          }),
        ),
      );
    });

    it('is refused by the orchestrator without a token', async () => {
      const run = await runClient(
        inspectorCli,
        ['--cli', orchestrator?.url ?? '', '--transport', 'http', '--method', 'tools/list'],
        { cwd: root, env },
      );
      // The 401 makes the Inspector want an OAuth login, which it cannot do without a terminal.
      expect(run.exitCode).not.toBe(0);
      expect(`${run.stdout}${run.stderr}`).toContain('auth_required');
      expect(run.stdout).not.toContain('"status"');
    });

    it('lists the coder tools and calls list_languages', async () => {
      const target = () => ['--cli', coder?.url ?? '', '--transport', 'http'];
      const names = namesOf(
        await runClient(inspectorCli, [...target(), '--method', 'tools/list'], { cwd: root, env }),
      );
      expect(names).toEqual(expect.arrayContaining(CODER_TOOLS));
      expectLanguages(
        callOf(
          await runClient(
            inspectorCli,
            [...target(), '--method', 'tools/call', '--tool-name', 'list_languages'],
            { cwd: root, env },
          ),
        ),
      );
    });
  });
});
