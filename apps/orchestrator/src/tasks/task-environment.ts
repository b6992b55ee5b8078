// The environment recipes run in: the server's own, so a Nix or devenv shell's PATH and toolchain
// variables reach the project's commands, minus the server's credentials. A project whose tasks need
// a secret loads it itself (just's `set dotenv-load`), where the project controls it.
import { SECRET_ENV_NAME } from '@tandem/shared';

export function taskEnvironment(
  source: NodeJS.ProcessEnv,
  secretNames: readonly string[],
): Record<string, string> {
  const extra = new Set(secretNames);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined || value.startsWith('()')) continue; // exported shell functions
    if (SECRET_ENV_NAME.test(key) || extra.has(key) || key.startsWith('TANDEM_')) continue;
    env[key] = value;
  }
  // Plain output: colour codes would only cost tokens and hide the words the failing-step recogniser reads.
  env.NO_COLOR = '1';
  env.FORCE_COLOR = '0';
  env.CLICOLOR = '0';
  return env;
}
