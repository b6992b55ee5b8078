// The `redaction` section: what else, beyond secretlint's patterns and the values of secret-looking
// environment variables, is masked in logs and the audit.
import { z } from 'zod';

/** `/source/flags` is read as a regex literal; any other string is the source of a regex. */
const LITERAL = /^\/(.+)\/([dimsuvy]*)$/s;

/** Compiles a configured pattern for global matching; throws SyntaxError when it is not a regex. */
export function compileRedactionPattern(pattern: string): RegExp {
  const literal = LITERAL.exec(pattern);
  const source = literal ? (literal[1] as string) : pattern;
  const flags = new Set(literal ? [...(literal[2] as string)] : []);
  flags.add('g');
  return new RegExp(source, [...flags].join(''));
}

const redactionPattern = z
  .string()
  .min(1)
  .superRefine((pattern, ctx) => {
    try {
      const regex = compileRedactionPattern(pattern);
      // A pattern that matches the empty string would "mask" between every pair of characters.
      if (regex.test('')) ctx.addIssue({ code: 'custom', message: 'must not match the empty string' });
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a valid regular expression (${(error as Error).message})`,
      });
    }
  });

export const redactionConfig = z.strictObject({
  patterns: z
    .array(redactionPattern)
    .default([])
    .describe(
      'Regexes (JavaScript syntax, or /source/flags) whose matches are masked; with a group named "secret" only that group is',
    ),
  env: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'))
    .default([])
    .describe(
      'More environment variables whose values are masked, besides *_TOKEN, *_KEY, *_SECRET, *PASSWORD*',
    ),
});

export type RedactionConfig = z.output<typeof redactionConfig>;
