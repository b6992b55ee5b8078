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
      expando_char: lang.expandoChar,
      ...(lang.metaVarChar !== '$' ? { meta_var_char: lang.metaVarChar } : {}),
      ...(lang.loaded && lang.libraryPath ? { library_path: lang.libraryPath } : {}),
      ...(lang.overrides ? { overrides: lang.overrides } : {}),
    }));
    const configError = services.languages.configError();
    const lines = languages.map(
      (l) =>
        `${l.name} (${l.extensions.join(', ') || '-'}) ${l.loaded ? l.source : `unavailable: ${l.error}`}` +
        (l.overrides ? ` [overrides ${l.overrides}]` : ''),
    );
    if (configError) lines.push(`config not used: ${configError}`);
    return {
      structured: { languages, ...(configError ? { config_error: configError } : {}) },
      text: lines.join('\n'),
    };
  },
});
