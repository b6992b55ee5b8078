// `.tandem/config.yaml` as init writes it: every section of the schema with its defaults, commented
// out, so the file loads as "all defaults" and each section is one uncommenting away. Generated from
// the schema rather than kept by hand, so a new section shows up here without anyone remembering.
import { tandemConfig } from '@tandem/shared';

const HEADER = `# Tandem's configuration: both servers read this file at start-up; commit it.
# Every section below is commented out and shows its defaults: uncomment a section (all of its
# lines) to change it. The reference: docs/configuration.md in the Tandem checkout.
`;

export async function configTemplate(): Promise<string> {
  const { stringify } = await import('yaml');
  const defaults = tandemConfig.parse({}) as Record<string, unknown>;
  const sections = Object.keys(defaults).map((name) => {
    const text = stringify({ [name]: defaults[name] }, { indent: 2 }).trimEnd();
    return text
      .split('\n')
      .map((line) => `# ${line}`)
      .join('\n');
  });
  return `${HEADER}\n${sections.join('\n\n')}\n`;
}
