// Secrets for tests, made at run time from random bytes and split-up prefixes, so that this
// repository never holds a string that looks like a real credential.
import { randomBytes } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, length: number): string {
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

export const fakeAws = {
  accessKeyId: () => ['AK', 'IA'].join('') + randomFrom(UPPER_ALNUM, 16),
  // Ends in a letter or digit: secretlint's AWS rule wants a word boundary after the key.
  secretAccessKey: () => randomFrom(`${ALNUM}/+`, 39) + randomFrom(ALNUM, 1),
};
