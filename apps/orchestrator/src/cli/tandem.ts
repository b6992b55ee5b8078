// The `tandem` executable: wires runTandem to the process. SIGINT and SIGTERM end a following command
// cleanly (exit 0); a closed stdout (`tandem audit | head`) ends it quietly.
import { runTandem } from './commands.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => controller.abort());
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  process.exitCode = await runTandem(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
    now: () => Date.now(),
    signal: controller.signal,
  });
} catch (error) {
  process.stderr.write(`tandem: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
