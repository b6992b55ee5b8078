// Temporary copies of examples/sample-repo for tests that change files, committed in a fresh git
// repository so a test can tell its own changes from everything else.
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { sampleRepo } from './paths.js';

const GIT_IDENTITY = ['-c', 'user.name=Tandem Test', '-c', 'user.email=test@tandem.invalid'];

/** A committed copy of the sample repo, with `.tandem/config.yaml` when `config` is given. */
export async function sampleRepoCopy(config?: string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'tandem-sample-'));
  await cp(sampleRepo, root, {
    recursive: true,
    filter: (source) =>
      !/(^|\/)(\.tandem|__pycache__|node_modules)(\/|$)/.test(path.relative(sampleRepo, source)),
  });
  if (config !== undefined) {
    await mkdir(path.join(root, '.tandem'), { recursive: true });
    await writeFile(path.join(root, '.tandem', 'config.yaml'), config);
  }
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: root });
  await execa('git', ['add', '-A'], { cwd: root });
  await execa('git', [...GIT_IDENTITY, 'commit', '-q', '-m', 'sample'], { cwd: root });
  return root;
}

export async function removeCopy(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
}

/** `git status --porcelain` lines, __pycache__ (written by the validation's test runs) left out. */
export async function gitStatus(root: string): Promise<string[]> {
  const { stdout } = await execa('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: root });
  return stdout.split('\n').filter((line) => line !== '' && !line.includes('__pycache__'));
}
