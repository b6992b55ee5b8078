// One Redactor per loaded config, built like the seam builds its own: environment values, the
// config's patterns, private keys, high-entropy assignments and secretlint's vendor patterns.
import { Redactor, type TandemConfig } from '@tandem/shared';

const redactors = new WeakMap<TandemConfig, Redactor>();

export function redactorFor(config: TandemConfig): Redactor {
  let redactor = redactors.get(config);
  if (!redactor) {
    redactor = new Redactor({ envNames: config.redaction.env, patterns: config.redaction.patterns });
    redactors.set(config, redactor);
  }
  return redactor;
}
