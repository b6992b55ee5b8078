// Start-up check of `.tandem/config.yaml`: a server does not start on a config it cannot honour. A bad
// file stops it with the file, the line and the key path of the problem and what was expected; a
// missing file means the defaults; unknown sections are warnings (logged by loadConfig).
import { ConfigError, type LoadedConfig, loadConfig } from '../config/load-config.js';
import type { Logger } from '../log/logger.js';

export function loadConfigOrExit(root: string, logger: Logger): LoadedConfig {
  try {
    return loadConfig(root, { logger });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`${error.message} ${error.hint ?? ''}`.trim());
    process.exit(2);
  }
}
