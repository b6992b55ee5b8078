import { listLanguagesInput, listLanguagesOutput } from '@tandem/shared/schemas';
import { defineCoderTool } from './define.js';

export const listLanguages = defineCoderTool({
  name: 'list_languages',
  title: 'List languages',
  description: 'Languages the coder parses, their file extensions, grammar source and load status.',
  input: listLanguagesInput,
  output: listLanguagesOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(_args, { services }) {
    const languages = services.languages.list().map((lang) => ({
      name: lang.name,
      extensions: lang.extensions,
      source: lang.source,
      loaded: lang.loaded,
      ...(lang.error ? { error: lang.error } : {}),
    }));
    const text = languages
      .map(
        (l) =>
          `${l.name} (${l.extensions.join(', ') || '-'}) ${l.loaded ? l.source : `unavailable: ${l.error}`}`,
      )
      .join('\n');
    return { structured: { languages }, text };
  },
});
