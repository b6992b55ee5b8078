// scan_secrets: secretlint's recommended rules plus our high-entropy assignment check, over files,
// the added lines of a diff, or a text. Findings carry masked values only; the scanner lives in
// @tandem/shared/secrets so the orchestrator can redact with the same rules.
import path from 'node:path';
import { ToolError } from '@tandem/shared';
import { scanSecretsInput, scanSecretsOutput } from '@tandem/shared/schemas';
import { findSecrets, type SecretFinding, SecretlintUnavailableError } from '@tandem/shared/secrets';
import { walkFiles } from '../engine/files.js';
import { emptySkips } from '../engine/search.js';
import { MAX_FILE_BYTES, type SkipReason, type TreeCache } from '../engine/tree-cache.js';
import { addedLines, addedText } from '../engine/unified-diff.js';
import { defineCoderTool } from './define.js';

const TEXT_FILE = '<text>';
const PARALLEL_READS = 4;
const PROGRESS_EVERY = 100;

interface Found {
  file: string;
  finding: SecretFinding;
}

function present({ file, finding }: Found) {
  return {
    rule: finding.rule,
    kind: finding.kind,
    file,
    line: finding.line,
    column: finding.column,
    end_line: finding.endLine,
    end_column: finding.endColumn,
    masked: finding.masked,
    severity: finding.severity,
    message: finding.message,
    ...(finding.docsUrl ? { docs_url: finding.docsUrl } : {}),
  };
}

/** findSecrets with its failures turned into tool errors that carry no scanned content. */
async function scanText(text: string, file: string): Promise<SecretFinding[]> {
  try {
    return await findSecrets(text, file);
  } catch (error) {
    if (error instanceof SecretlintUnavailableError) {
      throw new ToolError(error.message, {
        hint: 'Reinstall the workspace (pnpm install) so @secretlint/core and its preset are present.',
      });
    }
    // The error's own message is left out: it could quote the text being scanned.
    throw new ToolError(`Scanning "${file}" failed inside the secret scanner (${(error as Error).name}).`, {
      hint: 'Scan the other files by narrowing `paths`, and report the failing file.',
    });
  }
}

/** A file's text through the coder's shared source cache (invalidated by mtime and size). */
function readText(trees: TreeCache, absolute: string): { text: string } | { skipped: SkipReason } {
  const loaded = trees.source(absolute);
  return 'skipped' in loaded ? loaded : { text: loaded.source.text };
}

export const scanSecrets = defineCoderTool({
  name: 'scan_secrets',
  title: 'Scan for secrets',
  description:
    "Find committed secrets (secretlint recommended rules + high-entropy key assignments) in files, a diff's added lines, or text. Values masked.",
  input: scanSecretsInput,
  output: scanSecretsOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handler(args, { services, root, signal, progress }) {
    const given = [args.paths, args.diff, args.text].filter((source) => source !== undefined).length;
    if (given > 1) {
      throw new ToolError('Give at most one of `paths`, `diff` or `text`.', {
        hint: 'Scan files with `paths` (default the root), a unified diff with `diff`, or a string with `text`.',
      });
    }
    const source: 'paths' | 'diff' | 'text' =
      args.diff !== undefined ? 'diff' : args.text !== undefined ? 'text' : 'paths';
    if (
      source !== 'paths' &&
      (args.globs !== undefined || args.include_ignored !== undefined || args.include_hidden !== undefined)
    ) {
      throw new ToolError(
        '`globs`, `include_ignored` and `include_hidden` choose files; they apply to `paths` only.',
        {
          hint: `Leave them out when scanning \`${source}\`.`,
        },
      );
    }

    const perFile: Found[][] = [];
    const skipped = emptySkips();
    const hints: string[] = [];
    let filesScanned = 0;

    if (source === 'text') {
      filesScanned = 1;
      perFile.push(
        (await scanText(args.text ?? '', TEXT_FILE)).map((finding) => ({ file: TEXT_FILE, finding })),
      );
    } else if (source === 'diff') {
      const diff = args.diff ?? '';
      const files = diff.trim() === '' ? [] : addedLines(diff);
      if (files.length === 0) hints.push('The diff adds no lines: there is nothing to scan.');
      for (const { file, lines } of files) {
        signal.throwIfAborted();
        const { text, lineMap } = addedText(lines);
        const found = await scanText(text, file);
        filesScanned += 1;
        perFile.push(
          found.map((finding) => ({
            file,
            finding: {
              ...finding,
              // Positions in the joined added lines become positions in the new file.
              line: lineMap[finding.line - 1] ?? finding.line,
              endLine: lineMap[finding.endLine - 1] ?? lineMap[finding.line - 1] ?? finding.endLine,
            },
          })),
        );
      }
    } else {
      const walked = await walkFiles({
        root,
        paths: args.paths,
        globs: args.globs,
        includeIgnored: args.include_ignored ?? false,
        // Unlike a code search, a secret scan looks at dot-files by default: .env, .npmrc and CI
        // files are where credentials get committed. Ignored ones (a local .env) stay out.
        includeHidden: args.include_hidden ?? true,
        signal,
      });
      const files = walked.files;
      const { ignored, hidden, globs } = walked.excluded;
      if (files.length === 0) {
        if (globs) hints.push('The globs matched no file: globs are relative to the root, e.g. "config/**".');
        if (!globs && !ignored && !hidden) hints.push('The paths hold no files.');
      }
      if (ignored)
        hints.push(
          `${ignored} file(s) ignored by .gitignore/.ignore were not scanned: pass include_ignored: true to scan them.`,
        );
      if (hidden)
        hints.push(`${hidden} hidden file(s) were not scanned: pass include_hidden: true to scan them.`);
      if (walked.truncated)
        hints.push('The walk stopped at its file cap: narrow `paths` to scan every file.');

      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < files.length) {
          signal.throwIfAborted();
          const index = next;
          next += 1;
          const file = files[index] as string;
          const read = readText(services.trees, path.join(root, file));
          done += 1;
          if (files.length > PROGRESS_EVERY && done % PROGRESS_EVERY === 0) {
            void progress(done, files.length, `${done}/${files.length} files`);
          }
          if ('skipped' in read) {
            skipped[read.skipped] += 1;
            continue;
          }
          filesScanned += 1;
          perFile[index] = (await scanText(read.text, file)).map((finding) => ({ file, finding }));
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
    }

    const all = perFile.filter((found) => found !== undefined).flat();
    const byRule: Record<string, number> = {};
    for (const { finding } of all) byRule[finding.rule] = (byRule[finding.rule] ?? 0) + 1;
    const shown = all.slice(0, args.limit).map(present);
    const filesWithFindings = perFile.filter((found) => found && found.length > 0).length;
    const skippedCount = Object.values(skipped).reduce((a, b) => a + b, 0);
    if (filesScanned === 0 && skippedCount > 0) {
      hints.push(
        `All ${skippedCount} file(s) were skipped (binary, non-UTF-8, too large or unreadable): none could be scanned as text.`,
      );
    }
    const outcome =
      filesScanned === 0
        ? ('nothing_scanned' as const)
        : all.length > 0
          ? ('findings' as const)
          : ('no_findings' as const);

    const skippedNote = skippedCount
      ? ` ${skippedCount} file(s) skipped (binary, non-UTF-8, over ${MAX_FILE_BYTES / 1024 / 1024} MiB or unreadable).`
      : '';
    const header =
      outcome === 'nothing_scanned'
        ? 'Nothing scanned.'
        : all.length === 0
          ? `No secrets found in ${filesScanned} file(s).`
          : `${all.length} secret(s) in ${filesWithFindings} of ${filesScanned} file(s)${all.length > shown.length ? `; showing ${shown.length}` : ''}.`;
    const lines = [header + skippedNote];
    for (const finding of shown) {
      lines.push(
        `${finding.file}:${finding.line}:${finding.column} ${finding.kind} ${finding.masked} (${finding.severity})`,
      );
    }
    if (all.length > shown.length)
      lines.push(`${all.length - shown.length} more: raise \`limit\` to see them.`);
    lines.push(...hints);

    return {
      structured: {
        outcome,
        source,
        findings: shown,
        total_findings: all.length,
        truncated: all.length > shown.length,
        by_rule: byRule,
        files_scanned: filesScanned,
        files_with_findings: filesWithFindings,
        files_skipped: skipped,
        hints,
      },
      text: lines.join('\n'),
    };
  },
});
