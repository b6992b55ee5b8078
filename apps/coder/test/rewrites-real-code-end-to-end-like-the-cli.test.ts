// End-to-end differential test of ast_rewrite against the `ast-grep` CLI on real code (three,
// rxjs, node-gyp's gyp; see support/corpora.ts). The corpora are copied twice: the CLI rewrites one
// copy with `--update-all`, the built server the other with a dry run and then an apply of the file
// ids the dry run returned. After each rewrite every file of the corpus must be byte-identical in
// the two copies. The rewrites run in sequence on the same copies, so later ones see earlier changes.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstGrep } from './support/ast-grep-cli.js';
import { type CoderSession, callOk, connectCoder } from './support/coder.js';
import { CORPORA, type CorpusName, copyCorpora } from './support/corpora.js';

interface RewriteCase {
  corpus: CorpusName;
  pattern: string;
  rewrite: string;
}

const REWRITES: RewriteCase[] = [
  { corpus: 'three', pattern: '$A === undefined', rewrite: '$A === void 0' },
  // Three indents with tabs: the CLI re-indents the multi-line replacement to the match's line.
  { corpus: 'three', pattern: 'if ($C) return $R;', rewrite: 'if ($C) {\n\treturn $R;\n}' },
  {
    corpus: 'three',
    pattern: 'for ( let $I = $S; $I < $E; $I ++ ) { $$$B }',
    rewrite: 'for ( let $I = $S, n = $E; $I < n; $I ++ ) {\n\t$$$B\n}',
  },
  {
    corpus: 'rxjs',
    pattern: 'operate(($S, $D) => { $$$B })',
    rewrite: 'operate(function ($S, $D) {\n  $$$B\n})',
  },
  { corpus: 'rxjs', pattern: 'subscriber.next($V)', rewrite: 'subscriber.next(\n  $V,\n)' },
  {
    corpus: 'gyp',
    pattern: 'if $C:\n    return $R',
    rewrite: 'if not ($C):\n    pass\nelse:\n    return $R',
  },
  {
    corpus: 'gyp',
    pattern: 'for $I in $L:\n    $$$B',
    rewrite: 'for $I in list(\n        $L):\n    $$$B',
  },
  {
    corpus: 'gyp',
    pattern: 'with open($$$A) as $F:\n    $$$B',
    rewrite: 'with open($$$A) as $F:\n    # opened\n    $$$B',
  },
];

interface DryRun {
  files: Array<{ file: string; file_id: string; change_count: number }>;
  total_changes: number;
  files_changed: number;
  overlapping: unknown[];
}

async function filesUnder(dir: string, base = dir): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full, base)));
    else found.push(path.relative(base, full));
  }
  return found.sort();
}

let cliCopy: Awaited<ReturnType<typeof copyCorpora>>;
let ourCopy: Awaited<ReturnType<typeof copyCorpora>>;
let session: CoderSession;

beforeAll(async () => {
  cliCopy = await copyCorpora();
  ourCopy = await copyCorpora();
  session = await connectCoder(ourCopy.root);
}, 60_000);

afterAll(async () => {
  await session?.close();
  await cliCopy?.remove();
  await ourCopy?.remove();
});

describe('ast_rewrite (dry run, then apply) writes what ast-grep --update-all writes', () => {
  for (const { corpus, pattern, rewrite } of REWRITES) {
    it(`${corpus}: ${JSON.stringify(pattern)} → ${JSON.stringify(rewrite)}`, async () => {
      const { lang } = CORPORA[corpus];
      const scope = { pattern, rewrite, language: lang, paths: [corpus] };
      const [, dry] = await Promise.all([
        runAstGrep(
          ['run', '--pattern', pattern, '--rewrite', rewrite, '--lang', lang, '--update-all', corpus],
          {
            cwd: cliCopy.root,
          },
        ),
        callOk<DryRun>(session.client, 'ast_rewrite', { ...scope, max_diff_chars: 1000 }),
      ]);
      expect(dry.total_changes, 'the rewrite must change something').toBeGreaterThan(0);
      // Every changed file is listed (the listing stops at 200), so its ids cover the whole rewrite.
      expect(dry.files).toHaveLength(dry.files_changed);
      const applied = await callOk<DryRun>(session.client, 'ast_rewrite', {
        ...scope,
        apply: true,
        change_ids: dry.files.map((file) => file.file_id),
        expected_count: dry.total_changes,
      });
      expect(applied.total_changes).toBe(dry.total_changes);

      const names = await filesUnder(path.join(ourCopy.root, corpus));
      expect(await filesUnder(path.join(cliCopy.root, corpus))).toEqual(names);
      const differing: string[] = [];
      for (const name of names) {
        const [ours, theirs] = await Promise.all([
          readFile(path.join(ourCopy.root, corpus, name)),
          readFile(path.join(cliCopy.root, corpus, name)),
        ]);
        if (!ours.equals(theirs)) differing.push(name);
      }
      expect(differing).toEqual([]);
    }, 60_000);
  }
});
