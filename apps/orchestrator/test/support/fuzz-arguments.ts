// Argument generators for the reliability fuzz: fully arbitrary JSON, and values shaped by a tool's
// input JSON Schema (as tools/list gives it) whose strings are adversarial.
import fc from 'fast-check';

/** The slice of JSON Schema that zod's draft-7 output uses for our tools' inputs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** Paths an agent should never be able to leave the root with, or that trip path handling up. */
export const PATH_STRINGS = [
  '.',
  '..',
  '../..',
  '../../etc/passwd',
  '/etc/passwd',
  '/',
  '~',
  '~/.ssh/id_rsa',
  'src/../../x',
  'src/./ledger.ts',
  'src\\..\\..\\x',
  '．．/．．/etc/passwd',
  '\u2024\u2024/x',
  '%2e%2e/%2e%2e/etc/passwd',
  'src/\u202eest.ts',
  'src/ledge\u0301r.ts',
  'café/é.ts',
  'src/ledger.ts\0.png',
  '\0',
  'src/ledger.ts',
  'src',
  'scripts/report.py',
  'README.md',
  'justfile',
  '.git/config',
  '.tandem/config.yaml',
  'no/such/file.ts',
  ' ',
  '-rf',
  '--help',
  // Names longer than the file system allows once made every path tool fail with an internal error.
  'n'.repeat(300),
  `src/${'n'.repeat(300)}.ts`,
];

/** Globs, regex and shell metacharacters, YAML-ish rule bodies, and odd code points. */
export const ODD_STRINGS = [
  '',
  '*',
  '**',
  '**/*',
  '!**',
  '{a,b}',
  '{,,,,,,,,,,,,,,,,,,,,}',
  '[',
  '[!]',
  '(',
  '(a+)+$',
  '.*',
  '\\',
  '$A',
  '$$$A',
  '$$$',
  '$',
  '`id`',
  '$(id)',
  '; rm -rf /',
  '| cat /etc/passwd',
  '&& echo pwned',
  '\'"',
  '\n',
  '\r\n',
  '\t',
  '\u0000\u0001\u0007\u001b[31m',
  '\u202e\u2066',
  '\ufeff',
  '\ud800',
  '\udfff',
  '🙂'.repeat(40),
  'a\u0301\u0301\u0301',
  'rule:\n  pattern: $A',
  'rule:\n  kind: identifier\nfix: X',
  'rule: {any: []}',
  'rule:\n  not: {}\n',
  'id: x\nlanguage: typescript\nrule:\n  pattern: console.log($A)',
  'utils: {a: {matches: a}}\nrule: {matches: a}',
  '{"rule":{"pattern":"$A"}}',
  '---\n- a\n- b',
  '&a [*a, *a, *a]',
  'constraints: {A: {regex: "("}}\nrule: {pattern: $A}',
  'NaN',
  'null',
  'true',
  '0',
  '-1',
  '1e309',
  'function f() {',
  'const a = 1;',
  'console.log($A)',
  'def f(:\n  pass',
  'typescript',
  'python',
  'tsx',
  'bash',
  'TypeScript',
  'task-1',
  'agent-validate',
  'report',
  'architect',
  'security',
];

/** Strings of every kind: the corpora above, arbitrary and full-Unicode text, and long runs. */
export function adversarialString(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...ODD_STRINGS), weight: 16 },
    { arbitrary: fc.constantFrom(...PATH_STRINGS), weight: 12 },
    { arbitrary: fc.string({ maxLength: 40 }), weight: 8 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 8 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 4 },
    {
      // Long, but under the 1 MiB request limit so they reach the tools; rare, since parsing
      // 100 kB of code takes the coder about a second.
      arbitrary: fc
        .tuple(
          fc.constantFrom('a', '$A ', '../', '{', '\n', 'é', '\0'),
          fc.integer({ min: 1000, max: 60_000 }),
        )
        .map(([unit, count]) => unit.repeat(count)),
      weight: 1,
    },
  );
}

/** JSON nested `depth` deep, for parsers and size checks that recurse. */
function deeplyNested(): fc.Arbitrary<unknown> {
  return fc.integer({ min: 50, max: 3000 }).map((depth) => {
    let value: unknown = 'leaf';
    for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
    return value;
  });
}

/** Any JSON value, biased toward the awkward ones. */
export function anyJson(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 4 },
    { arbitrary: adversarialString(), weight: 3 },
    {
      arbitrary: fc.constantFrom(0, -1, 1.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, true, false, null),
      weight: 2,
    },
    { arbitrary: fc.array(adversarialString(), { maxLength: 5 }), weight: 1 },
    { arbitrary: deeplyNested(), weight: 1 },
  );
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(typesOf);
  if (Array.isArray(schema.type)) return schema.type;
  return schema.type ? [schema.type] : [];
}

/** A value of the schema's shape; `strict` keeps numbers in range and required keys present. */
export function fromSchema(
  schema: JsonSchema,
  strict: boolean,
  hints: FieldHints = {},
  key = '',
): fc.Arbitrary<unknown> {
  if (schema.enum) {
    const values = fc.constantFrom(...schema.enum);
    return strict
      ? values
      : fc.oneof({ arbitrary: values, weight: 5 }, { arbitrary: adversarialString(), weight: 1 });
  }
  const options = typesOf(schema).map((type) => shaped(type, schema, strict, hints, key));
  if (options.length === 0) return anyJson();
  return options.length === 1 ? (options[0] as fc.Arbitrary<unknown>) : fc.oneof(...options);
}

/** Strings a field of this name is likely to take, mixed in with the adversarial ones. */
export type FieldHints = Record<string, fc.Arbitrary<string>>;

function shaped(
  type: string,
  schema: JsonSchema,
  strict: boolean,
  hints: FieldHints,
  key: string,
): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string': {
      const hinted = hints[key];
      return hinted
        ? fc.oneof({ arbitrary: hinted, weight: 2 }, { arbitrary: adversarialString(), weight: 1 })
        : adversarialString();
    }
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (schema.exclusiveMinimum === undefined ? -1e6 : schema.exclusiveMinimum + 1);
      const max = Math.min(schema.maximum ?? 1e6, Number.MAX_SAFE_INTEGER);
      const inRange =
        type === 'integer'
          ? fc.integer({ min: Math.max(min, -1e9), max })
          : fc.double({ min, max, noNaN: true });
      if (strict) return inRange;
      return fc.oneof(
        { arbitrary: inRange, weight: 3 },
        { arbitrary: fc.constantFrom(min - 1, max + 1, 0, -1, 0.5, 1e300, -1e300), weight: 1 },
      );
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? fromSchema(schema.items, strict, hints, key) : anyJson();
      const maxLength = Math.min(schema.maxItems ?? 6, 6);
      const minLength = Math.min(schema.minItems ?? 0, maxLength);
      return fc.array(items, { minLength, maxLength });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties))
        model[name] = fromSchema(property, strict, hints, name);
      const required = strict ? (schema.required ?? []).filter((name) => name in model) : [];
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return anyJson();
  }
}

/** How a fuzzed call's arguments were made, so failures and figures can say so. */
export type ArgumentKind =
  | 'non_object'
  | 'arbitrary_object'
  | 'wrong_types'
  | 'schema_shaped'
  | 'schema_plus_extra_key'
  | 'valid_call_mutated';

export interface FuzzedArguments {
  kind: ArgumentKind;
  args: unknown;
}

/**
 * The mix for one tool: a few non-objects (the SDK refuses those as InvalidParams), arbitrary
 * objects, the tool's keys with values of any type, and mostly schema-shaped objects.
 */
export function toolArguments(
  inputSchema: JsonSchema,
  hints: FieldHints = {},
  validCalls: readonly Record<string, unknown>[] = [],
): fc.Arbitrary<FuzzedArguments> {
  const properties = inputSchema.properties ?? {};
  const keys = Object.keys(properties);
  const wrongTypes =
    keys.length === 0
      ? fc.dictionary(fc.string({ maxLength: 10 }), anyJson(), { maxKeys: 3 })
      : fc.record(Object.fromEntries(keys.map((name) => [name, anyJson()])), { requiredKeys: [] });
  const tagged = (kind: ArgumentKind, arbitrary: fc.Arbitrary<unknown>) =>
    arbitrary.map((args): FuzzedArguments => ({ kind, args }));
  return fc.oneof(
    {
      arbitrary: tagged(
        'non_object',
        fc.oneof(fc.array(anyJson(), { maxLength: 3 }), fc.string(), fc.integer(), fc.constant(null)),
      ),
      weight: 1,
    },
    {
      arbitrary: tagged(
        'arbitrary_object',
        fc.dictionary(fc.string({ maxLength: 20 }), anyJson(), { maxKeys: 5 }),
      ),
      weight: 2,
    },
    { arbitrary: tagged('wrong_types', wrongTypes), weight: 3 },
    { arbitrary: tagged('schema_shaped', fromSchema(inputSchema, false, hints)), weight: 6 },
    { arbitrary: tagged('schema_shaped', fromSchema(inputSchema, true, hints)), weight: 6 },
    ...(validCalls.length > 0 && keys.length > 0
      ? [
          {
            // A call that works, with one or two arguments swapped for schema-shaped values: most
            // fully generated objects fail early on a combination the tool refuses.
            arbitrary: tagged(
              'valid_call_mutated',
              fc
                .tuple(
                  fc.constantFrom(...validCalls),
                  fc.array(
                    fc
                      .constantFrom(...keys)
                      .chain((key) =>
                        fc
                          .oneof(
                            fromSchema(properties[key] as JsonSchema, true, hints, key),
                            fromSchema(properties[key] as JsonSchema, false, hints, key),
                          )
                          .map((value) => [key, value] as const),
                      ),
                    { minLength: 0, maxLength: 2 },
                  ),
                )
                .map(([call, swaps]) => ({ ...call, ...Object.fromEntries(swaps) })),
            ),
            weight: 10,
          },
        ]
      : []),
    {
      arbitrary: tagged(
        'schema_plus_extra_key',
        fc
          .tuple(fromSchema(inputSchema, true, hints), fc.string({ minLength: 1, maxLength: 12 }), anyJson())
          .map(([args, key, value]) => ({ ...(args as Record<string, unknown>), [key]: value })),
      ),
      weight: 1,
    },
  );
}
