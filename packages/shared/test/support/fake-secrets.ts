// Secrets for tests, made at run time from random bytes and split-up prefixes, so that this
// repository never holds a string that looks like a real credential (our own scan and GitHub's push
// protection would flag it). Each call returns a fresh value.
import { randomBytes } from 'node:crypto';
import { isPlaceholder } from '../../src/secrets/index.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

export function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/**
 * A value made to pass the high-entropy check: base62 with all three character classes, drawn again
 * in the rare case that it happens to contain a placeholder word such as `xxx` or `todo`.
 */
export function randomKey(length = 32): string {
  for (;;) {
    const value = randomFrom(ALNUM, length);
    if (/[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value) && !isPlaceholder(value))
      return value;
  }
}

export const fake = {
  awsAccessKeyId: () => ['AK', 'IA'].join('') + randomFrom(UPPER_ALNUM, 16),
  // Ends in a letter or digit: secretlint's AWS rule wants a word boundary after the key.
  awsSecretAccessKey: () => randomFrom(`${ALNUM}/+`, 39) + randomFrom(ALNUM, 1),
  githubToken: () => ['gh', 'p_'].join('') + randomFrom(ALNUM, 36),
  slackToken: () =>
    `${['xo', 'xb'].join('')}-${randomFrom(DIGITS, 11)}-${randomFrom(DIGITS, 13)}-${randomFrom(ALNUM, 24)}`,
  privateKey: () => {
    const body = `MII${randomBytes(900).toString('base64')}`.match(/.{1,64}/g)?.join('\n') ?? '';
    const label = ['PRIVATE', 'KEY'].join(' ');
    return `-----BEGIN RSA ${label}-----\n${body}\n-----END RSA ${label}-----`;
  },
};
