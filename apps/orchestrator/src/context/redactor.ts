// The config-driven redactor for what the context tools return, built once per loaded config.
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
