// Start-up check of `.tandem/config.yaml`: a server does not start on a config it cannot honour. A bad
// file stops it with the file, the line and the key path of the problem and what was expected; a
// missing file means the defaults. The log redactor is set from the config before anything from the
// file is logged, so a warning quoting a key never carries a secret the config's patterns cover.
import { ConfigError, type LoadedConfig, loadConfig } from '../config/load-config.js';
import { Redactor } from '../governance/redaction.js';
import { flushLogs, type Logger, setLogRedactor } from '../log/logger.js';

export async function loadConfigOrExit(root: string, logger: Logger): Promise<LoadedConfig> {
  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(root);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`${error.message} ${error.hint ?? ''}`.trim());
    // Redaction may hold a line back; it goes out before the process ends.
    await flushLogs();
    process.exit(2);
  }
  const { redaction } = loaded.config;
  setLogRedactor(new Redactor({ envNames: redaction.env, patterns: redaction.patterns }));
  // Logged through loadConfig's once-per-process filter, so later loads do not repeat them.
  return loadConfig(root, { logger });
}
