// How a secret is shown anywhere outside the scanner: never in full. Four leading characters are
// kept because they usually name the kind of credential (`ghp_`, `xoxb`, `AKIA`, `sk-a`) and help a
// reader find the line, while leaving far too little to use; a short secret is masked entirely, as
// four of its characters would be a real share of it. The mask has a fixed width so it does not
// leak the secret's length either.

export const MASK = '****';
/** Secrets shorter than this (in code points) are masked without a prefix. */
export const MIN_LENGTH_FOR_PREFIX = 16;
export const MASK_PREFIX_LENGTH = 4;

export function maskSecret(secret: string): string {
  const chars = Array.from(secret);
  if (chars.length < MIN_LENGTH_FOR_PREFIX) return MASK;
  const prefix = chars.slice(0, MASK_PREFIX_LENGTH).join('');
  // A prefix that crosses a line break or holds control characters would print oddly; mask it all.
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(prefix)) return MASK;
  return `${prefix}${MASK}`;
}
