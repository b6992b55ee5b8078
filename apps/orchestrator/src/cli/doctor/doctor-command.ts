// `tandem doctor`: runs the independent checks concurrently, each bounded in time, and prints a
// table (or JSON). Exit status 1 when a required check is missing or broken.
import { type CliIo, type Command, UsageError } from '../cli-io.js';
import { checkServer, SERVER_TIMEOUT_MS } from './check-servers.js';
import {
  checkGit,
  checkJust,
  checkLinter,
  checkNix,
  checkNode,
  LINTERS,
  VERSION_TIMEOUT_MS,
} from './check-tools.js';
import { checkConfig, checkJustfile, checkMcpFile } from './check-workspace.js';
import { bounded, type CheckResult } from './doctor-check.js';
import { buildReport, formatTable } from './format-doctor.js';
import { DOCTOR_USAGE, type DoctorOptions, parseDoctorArgs } from './parse-doctor-args.js';

/** Bound on a check that runs several commands (git: version and work tree). */
const TOOL_TIMEOUT_MS = 2 * VERSION_TIMEOUT_MS + 1000;

export async function runDoctor(root: string, env: NodeJS.ProcessEnv = process.env): Promise<CheckResult[]> {
  // In table order; all started at once.
  return Promise.all([
    Promise.resolve(checkNode()),
    bounded('just', true, TOOL_TIMEOUT_MS, (signal) => checkJust(env, signal)),
    bounded('git', true, TOOL_TIMEOUT_MS, (signal) => checkGit(root, env, signal)),
    ...LINTERS.map((linter) =>
      bounded(linter.name, false, TOOL_TIMEOUT_MS, (signal) => checkLinter(linter, root, env, signal)),
    ),
    bounded('nix', false, TOOL_TIMEOUT_MS, (signal) => checkNix(env, signal)),
    bounded('config', true, TOOL_TIMEOUT_MS, async () => checkConfig(root)),
    bounded('justfile', false, TOOL_TIMEOUT_MS, (signal) => checkJustfile(root, env, signal)),
    bounded('.mcp.json', false, TOOL_TIMEOUT_MS, async () => checkMcpFile(root, '.mcp.json')),
    bounded('.cursor/mcp.json', false, TOOL_TIMEOUT_MS, async () => checkMcpFile(root, '.cursor/mcp.json')),
    bounded('coder', true, SERVER_TIMEOUT_MS, (signal) => checkServer('coder', root, env, signal)),
    bounded('orchestrator', true, SERVER_TIMEOUT_MS, (signal) =>
      checkServer('orchestrator', root, env, signal),
    ),
  ]);
}

export const doctorCommand: Command = async (argv, io: CliIo) => {
  let options: DoctorOptions;
  try {
    options = parseDoctorArgs(argv, io.cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`tandem doctor: ${error.message}`);
    io.err('Run tandem doctor --help for usage.');
    return 2;
  }
  if (options.help) {
    io.out(DOCTOR_USAGE.trimEnd());
    return 0;
  }
  const report = buildReport(options.root, await runDoctor(options.root));
  if (options.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatTable(report)) io.out(line);
  return report.exit_code;
};
