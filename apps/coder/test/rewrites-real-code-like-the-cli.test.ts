// Differential on real code: zod's TypeScript sources and the gyp Python that ships inside pnpm's
// bundled node-gyp (both pinned by the lockfile). Each rewrite runs over the files through the
// `ast-grep` CLI (--update-all on a copy) and through our engine; every file must be identical.

import { realpathSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAstGrep } from './support/ast-grep-cli.js';
import { engineRewrite } from './support/differential-rewrite.js';

const CODER_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPO_ROOT = path.resolve(CODER_DIR, '../..');

/** An installed package's directory (pnpm's exports hide its package.json from require.resolve). */
function packageDir(name: string, workspaceDir: string): string {
  return realpathSync(path.join(workspaceDir, 'node_modules', name));
}

const CORPORA = {
  typescript: {
    ext: 'ts',
    dir: path.join(packageDir('zod', CODER_DIR), 'src/v4/core'),
  },
  python: {
    ext: 'py',
    dir: path.join(packageDir('pnpm', REPO_ROOT), 'dist/node_modules/node-gyp/gyp/pylib/gyp'),
  },
} as const;

const REWRITES: { lang: keyof typeof CORPORA; pattern: string; rewrite: string }[] = [
  { lang: 'typescript', pattern: '$A.push($$$B)', rewrite: '$A.push(\n  $$$B,\n)' },
  { lang: 'typescript', pattern: 'return $X;', rewrite: 'const result = $X;\nreturn result;' },
  {
    lang: 'typescript',
    pattern: 'function $F($$$P) { $$$B }',
    rewrite: 'function $F($$$P) {\n  enter("$F");\n  $$$B\n}',
  },
  { lang: 'typescript', pattern: '($$$P) => $B', rewrite: 'function ($$$P) {\n    return $B;\n}' },
  { lang: 'typescript', pattern: 'if ($C) { $$$B }', rewrite: 'if (check(\n  $C,\n)) {\n  $$$B\n}' },
  { lang: 'python', pattern: '$X.append($Y)', rewrite: '$X.append(\n    $Y\n)' },
  { lang: 'python', pattern: 'return $X', rewrite: 'result = $X\nreturn result' },
  { lang: 'python', pattern: 'def $F($$$P):\n    $$$B', rewrite: 'def $F($$$P):\n    trace("$F")\n    $$$B' },
  { lang: 'python', pattern: 'for $I in $L:\n    $$$B', rewrite: 'for $I in list(\n        $L):\n    $$$B' },
  { lang: 'python', pattern: '$D[$K] = $V', rewrite: '$D.update({\n  $K: $V,\n})' },
];

interface CorpusFile {
  name: string;
  text: string;
}
const corpus: Record<string, CorpusFile[]> = {};

beforeAll(async () => {
  for (const [lang, { ext, dir }] of Object.entries(CORPORA)) {
    const names = (await readdir(dir)).filter((name) => name.endsWith(`.${ext}`)).sort();
    corpus[lang] = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })),
    );
  }
});

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'tandem-real-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true, maxRetries: 5 });
});

describe('rewrites of real code match the ast-grep CLI file by file', () => {
  REWRITES.forEach(({ lang, pattern, rewrite }, n) => {
    it(`${lang}: ${JSON.stringify(pattern)} → ${JSON.stringify(rewrite)}`, async () => {
      const files = corpus[lang] ?? [];
      expect(files.length).toBeGreaterThan(5);
      const dir = path.join(scratch, `case${n}`);
      await rm(dir, { recursive: true, force: true, maxRetries: 5 });
      await mkdir(dir);
      const { dir: sourceDir } = CORPORA[lang];
      await Promise.all(
        files.map((file) => copyFile(path.join(sourceDir, file.name), path.join(dir, file.name))),
      );
      await runAstGrep(['run', '-p', pattern, '-r', rewrite, '-l', lang, '--update-all', '.'], { cwd: dir });
      let changes = 0;
      for (const file of files) {
        const ours = engineRewrite({ lang, ext: CORPORA[lang].ext, source: file.text, pattern, rewrite });
        changes += ours.edits.length;
        expect(ours.text, file.name).toBe(await readFile(path.join(dir, file.name), 'utf8'));
      }
      expect(changes, 'the rewrite must change something').toBeGreaterThan(0);
    });
  });
});
