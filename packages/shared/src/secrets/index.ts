// Secret scanning, a subpath of @tandem/shared (`@tandem/shared/secrets`) so that importing the
// package's core does not load secretlint. secretlint itself loads on the first findSecrets call.
export {
  ENTROPY_THRESHOLD,
  HEX_ENTROPY_THRESHOLD,
  HIGH_ENTROPY_KIND,
  HIGH_ENTROPY_RULE,
  isPlaceholder,
  MIN_VALUE_LENGTH,
  shannonEntropy,
} from './entropy.js';
export {
  type FindSecretsOptions,
  findSecrets,
  redactSecrets,
  type SecretFinding,
  type SecretSeverity,
} from './find-secrets.js';
export { MASK, maskSecret } from './mask.js';
export { SecretlintUnavailableError } from './secretlint.js';
