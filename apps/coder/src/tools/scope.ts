// What a walk left out, in words: shared by the tools that scan files, for "nothing scanned" results.
import type { WalkResult } from '../engine/files.js';
import type { CompiledQuery } from '../engine/query.js';
import type { ScanTarget } from '../engine/search.js';

export function scopeSummary(walked: WalkResult, withLanguage: number, unknownLanguage: number): string {
  const { ignored, hidden, globs } = walked.excluded;
  const parts = [`${walked.files.length} file(s) found`];
  if (walked.files.length > 0)
    parts.push(`${withLanguage} in a supported language, ${unknownLanguage} in none`);
  if (globs) parts.push(`${globs} left out by globs`);
  if (ignored) parts.push(`${ignored} ignored by .gitignore/.ignore`);
  if (hidden) parts.push(`${hidden} hidden`);
  return `${parts.join('; ')}.`;
}

export function unscannedHints(
  walked: WalkResult,
  targets: readonly ScanTarget[],
  unknownLanguage: number,
  query: CompiledQuery | undefined,
): string[] {
  const hints: string[] = [];
  const { ignored, hidden, globs } = walked.excluded;
  if (walked.files.length === 0) {
    if (globs)
      hints.push('The globs matched no file: globs are relative to the root, e.g. "src/**/*.ts" or "*.py".');
    if (ignored)
      hints.push(
        `${ignored} file(s) are ignored by .gitignore or .ignore: pass include_ignored: true to search them.`,
      );
    if (hidden)
      hints.push(`${hidden} hidden file(s) were skipped: pass include_hidden: true to search them.`);
    if (!globs && !ignored && !hidden) hints.push('The paths hold no files.');
  } else if (targets.length === 0) {
    hints.push(
      `None of the ${unknownLanguage} file(s) has an extension a loaded language claims (list_languages shows them); a project can add languages in .tandem/config.yaml.`,
    );
  } else if (query?.pinned) {
    const present = [...new Set(targets.map((t) => t.lang.name))].join(', ');
    hints.push(
      `No ${query.pinned.name} file (extensions ${query.pinned.extensions.join(', ')}) among the files found; they are ${present}. Drop \`language\` or change it.`,
    );
  }
  return hints;
}
