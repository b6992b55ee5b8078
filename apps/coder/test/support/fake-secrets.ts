// Secrets for tests, made at run time from random bytes and split-up prefixes, so that this
// repository never holds a string that looks like a real credential (our own scan and GitHub's push
// protection would flag it).
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A GitHub personal access token's shape: found by secretlint's GitHub rule. */
export function fakeGithubToken(): string {
  return ['gh', 'p_'].join('') + randomFrom(ALNUM, 36);
}

/** A random key for the high-entropy check: all three character classes, no placeholder-like run. */
export function fakeGenericKey(length = 32): string {
  for (;;) {
    const value = randomFrom(ALNUM, length);
    if (
      /[a-z]/.test(value) &&
      /[A-Z]/.test(value) &&
      /[0-9]/.test(value) &&
      !/(.)\1{3}|xxx|todo|fake|mock|your/i.test(value)
    )
      return value;
  }
}

/** Fails when `shown` contains `secret` or any 5-character piece of it. */
export function revealedPiece(shown: string, secret: string): string | undefined {
  for (let i = 0; i + 5 <= secret.length; i += 1) {
    const piece = secret.slice(i, i + 5);
    if (shown.includes(piece)) return piece;
  }
  return undefined;
}
