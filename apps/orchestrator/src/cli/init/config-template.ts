// `.tandem/config.yaml` as init writes it: every section of the schema with its defaults, commented
// out, so the file loads as "all defaults" and each section is one uncommenting away. Generated from
// the schema rather than kept by hand, so a new section shows up here without anyone remembering.
//
// The defaults are the schema's INPUT defaults (from its input-side JSON schema): parsed values are
// not always valid input (budgets.window is written "1h" and parsed to 3600). A section whose input
// schema says nothing (roles, built by a transform) shows its parsed default, which is valid input.
import { tandemConfig } from '@tandem/shared';
import { z } from 'zod';

const HEADER = `# Tandem's configuration: both servers read this file at start-up; commit it.
# Every section below is commented out and shows its defaults: uncomment a section (all of its
# lines) to change it. The reference: docs/configuration.md in the Tandem checkout.
`;

interface JsonSchema {
  default?: unknown;
  properties?: Record<string, JsonSchema>;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function objectDefaults(schema: JsonSchema): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const value = inputDefault(property);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** A schema's default as one would write it; an object's own keys' defaults filled in. */
function inputDefault(schema: JsonSchema): unknown {
  if (schema.default !== undefined) {
    return isPlainObject(schema.default) && schema.properties
      ? { ...schema.default, ...objectDefaults(schema) }
      : schema.default;
  }
  if (!schema.properties) return undefined;
  const inner = objectDefaults(schema);
  return Object.keys(inner).length > 0 ? inner : undefined;
}

export async function configTemplate(): Promise<string> {
  const { stringify } = await import('yaml');
  const parsed = tandemConfig.parse({}) as Record<string, unknown>;
  const input = z.toJSONSchema(tandemConfig, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const sections = Object.keys(parsed).map((name) => {
    const property = input.properties?.[name];
    const value = (property && inputDefault(property)) ?? parsed[name];
    const text = stringify({ [name]: value }, { indent: 2 }).trimEnd();
    return text
      .split('\n')
      .map((line) => `# ${line}`)
      .join('\n');
  });
  return `${HEADER}\n${sections.join('\n\n')}\n`;
}
