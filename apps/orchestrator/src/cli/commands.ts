// The table of `tandem` subcommands and the dispatcher.
import { auditCommand } from './audit/audit-command.js';
import type { CliIo, Command } from './cli-io.js';
import { demoCommand } from './demo/demo-command.js';
import { doctorCommand } from './doctor/doctor-command.js';
import { initCommand } from './init/init-command.js';

export const COMMANDS: Record<string, { summary: string; run: Command }> = {
  init: {
    summary: 'add Tandem to a repository: client configs, config, justfile, .gitignore',
    run: initCommand,
  },
  doctor: {
    summary: 'check Node, just, git, linters, config and that both servers answer',
    run: doctorCommand,
  },
  audit: { summary: 'filter, tail and summarize the audit log of tool calls', run: auditCommand },
  demo: { summary: 'run both servers on a sample workspace and show what a client sees', run: demoCommand },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `Usage: tandem <command> [options]

Commands:
${lines.join('\n')}

Run tandem <command> --help for its options.`;
}

/** Runs `tandem <argv>`; resolves with the exit status. */
export async function runTandem(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`tandem: unknown command ${JSON.stringify(name)}.`);
    io.err(usage());
    return 2;
  }
  return command.run(rest, io);
}
