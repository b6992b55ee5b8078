// Real code for differential tests: sources shipped in npm packages pinned as devDependencies of
// @tandem/coder (three's JavaScript, rxjs's TypeScript, node-gyp's gyp Python). Tests copy them into a
// temporary directory outside the repository, so no .gitignore of ours (node_modules) applies.
import { realpathSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CODER_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** An installed devDependency's directory (pnpm's `exports` maps hide package.json from require.resolve). */
export function packageDir(name: string): string {
  return realpathSync(path.join(CODER_DIR, 'node_modules', name));
}

export interface Corpus {
  /** Our language name; the CLI accepts it as `--lang` too. */
  lang: string;
  /** Directory inside the package. */
  source: string;
  /** Sub-directories (of `source`) to copy; all of it when absent. */
  only?: readonly string[];
}

export const CORPORA = {
  // three's src minus nodes/ and renderers/ (two thirds of its 6.5 MB), but with renderers/webgl,
  // whose WebGLBindingStates.js starts with a BOM.
  three: {
    lang: 'javascript',
    source: path.join(packageDir('three'), 'src'),
    only: [
      'animation',
      'audio',
      'cameras',
      'constants.js',
      'core',
      'extras',
      'geometries',
      'helpers',
      'lights',
      'loaders',
      'materials',
      'math',
      'objects',
      'renderers/webgl',
      'scenes',
      'textures',
      'utils.js',
    ],
  },
  rxjs: { lang: 'typescript', source: path.join(packageDir('rxjs'), 'src') },
  gyp: { lang: 'python', source: path.join(packageDir('node-gyp'), 'gyp/pylib') },
} as const satisfies Record<string, Corpus>;

export type CorpusName = keyof typeof CORPORA;

/** Copies the corpora into `<root>/<name>/` and returns the root with a remover. */
export async function copyCorpora(
  names: readonly CorpusName[] = Object.keys(CORPORA) as CorpusName[],
): Promise<{ root: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-corpus-'));
  for (const name of names) {
    const corpus: Corpus = CORPORA[name];
    for (const part of corpus.only ?? ['.']) {
      await cp(path.join(corpus.source, part), path.join(root, name, part), { recursive: true });
    }
  }
  return { root, remove: () => rm(root, { recursive: true, force: true, maxRetries: 5 }) };
}
