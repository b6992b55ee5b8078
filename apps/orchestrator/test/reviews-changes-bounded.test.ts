// review_changes: status (staged, unstaged, untracked, renames), the working-tree or staged diff with
// per-file and total caps, stat_only, and secrets masked in the diff text.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { reviewChangesOutput } from '@tandem/shared/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { gitIn, makeGitRepo, type TempRepo } from './support/git-repo.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

const lines = (count: number, tag: string) =>
  `${Array.from({ length: count }, (_, i) => `export const ${tag}${i} = '${tag} line ${i}';`).join('\n')}\n`;

function fakeGithubToken(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return (
    ['gh', 'p_'].join('') + Array.from(randomBytes(36), (byte) => alphabet[byte % alphabet.length]).join('')
  );
}

describe('review_changes', () => {
  let repo: TempRepo;
  let orchestrator: ConnectedOrchestrator;
  const token = fakeGithubToken();

  beforeAll(async () => {
    repo = await makeGitRepo({
      config: 'git:\n  review: { max_file_bytes: 4096, max_total_bytes: 16384 }\n',
    });
    for (let i = 0; i < 12; i++)
      await writeFile(path.join(repo.dir, 'src', `gen${i}.ts`), lines(40, `v${i}`));
    await writeFile(path.join(repo.dir, 'src', 'big.ts'), lines(10, 'big'));
    await writeFile(path.join(repo.dir, 'data', 'blob.bin'), Buffer.from([0, 1, 2, 3, 0, 255]));
    gitIn(repo.dir, 'add', '-A');
    gitIn(repo.dir, 'commit', '-q', '-m', 'chore: fixtures');
    // Working tree: one big diff, many medium ones, a binary change, a secret, an untracked file.
    await writeFile(path.join(repo.dir, 'src', 'big.ts'), lines(2000, 'huge'));
    for (let i = 0; i < 12; i++)
      await writeFile(path.join(repo.dir, 'src', `gen${i}.ts`), lines(40, `w${i}`));
    await writeFile(path.join(repo.dir, 'data', 'blob.bin'), Buffer.from([0, 9, 9, 9, 0, 255]));
    await writeFile(path.join(repo.dir, 'README.md'), `# Sample\n\ntoken = "${token}"\n`);
    await writeFile(path.join(repo.dir, 'untracked file.txt'), 'new\n');
    // Staged: a rename and one small edit.
    gitIn(repo.dir, 'mv', 'src/gen0.ts', 'src/renamed.ts');
    orchestrator = await connectOrchestrator(repo.dir);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    await repo?.remove();
  });

  it('reports branch and status lists, with renames and untracked files', async () => {
    const reply = await callTool(orchestrator, 'review_changes', { stat_only: true });
    expect(reply.isError, reply.text).toBe(false);
    const review = reviewChangesOutput.parse(reply.structured);
    expect(review).toMatchObject({
      branch: 'main',
      detached: false,
      unborn: false,
      upstream: null,
      ahead: null,
    });
    expect(review.staged).toEqual([
      expect.objectContaining({ path: 'src/renamed.ts', status: 'renamed', orig_path: 'src/gen0.ts' }),
    ]);
    expect(review.unstaged.map((file) => file.path)).toEqual(
      expect.arrayContaining(['README.md', 'src/big.ts', 'data/blob.bin', 'src/renamed.ts']),
    );
    expect(review.untracked).toEqual(['untracked file.txt']);
    expect(review.conflicted).toEqual([]);
  });

  it('gives numstat only with stat_only, binary files noted', async () => {
    const reply = await callTool(orchestrator, 'review_changes', { stat_only: true });
    const review = reviewChangesOutput.parse(reply.structured);
    expect(review.diff.text).toBeNull();
    expect(review.diff.source).toBe('working_tree');
    expect(review.diff.files.find((file) => file.path === 'data/blob.bin')).toEqual({
      path: 'data/blob.bin',
      added: null,
      deleted: null,
      binary: true,
    });
    expect(review.diff.files.find((file) => file.path === 'src/big.ts')).toMatchObject({
      added: 2000,
      deleted: 10,
    });
    expect(reply.text).toContain('binary data/blob.bin');
  });

  it('bounds a big diff: a file cut past its cap, files past the total cap listed with counts', async () => {
    const reply = await callTool(orchestrator, 'review_changes', {});
    const review = reviewChangesOutput.parse(reply.structured);
    const diff = review.diff;
    expect(diff.truncated).toBe(true);
    expect(diff.bytes_total).toBeGreaterThan(16384);
    expect(diff.bytes_returned).toBeLessThanOrEqual(16384 + 2048);
    expect(Buffer.byteLength(diff.text ?? '', 'utf8')).toBe(diff.bytes_returned);
    expect(diff.cut_files).toContainEqual(
      expect.objectContaining({ path: 'src/big.ts', reason: 'file_cap', added: 2000, deleted: 10 }),
    );
    expect(diff.cut_files.some((file) => file.reason === 'total_cap')).toBe(true);
    expect(diff.text).toMatch(/\[src\/big\.ts: diff cut after \d+ of \d+ bytes; \+2000 -10 in all\]/);
    expect(diff.text).toMatch(/more file\(s\) left out to stay within 16384 bytes/);
    expect(diff.text).toContain('Binary files a/data/blob.bin and b/data/blob.bin differ');
  });

  it('masks secrets in the diff text', async () => {
    const reply = await callTool(orchestrator, 'review_changes', {});
    expect(reply.text).toContain('README.md');
    expect(reply.text).not.toContain(token);
    expect(JSON.stringify(reply.structured)).not.toContain(token);
    expect(reply.structured && JSON.stringify(reply.structured)).toContain(`${token.slice(0, 4)}****`);
  });

  it('diffs the index against HEAD with staged', async () => {
    const reply = await callTool(orchestrator, 'review_changes', { staged: true });
    const review = reviewChangesOutput.parse(reply.structured);
    expect(review.diff.source).toBe('staged');
    expect(review.diff.files).toEqual([
      { path: 'src/renamed.ts', orig_path: 'src/gen0.ts', added: 0, deleted: 0, binary: false },
    ]);
    expect(review.diff.text).toContain('rename from src/gen0.ts');
    expect(review.diff.truncated).toBe(false);
  });

  it('changes nothing', async () => {
    const before = gitIn(repo.dir, 'status', '--porcelain=v2', '-z');
    await callTool(orchestrator, 'review_changes', {});
    expect(gitIn(repo.dir, 'status', '--porcelain=v2', '-z')).toBe(before);
  });
});

describe('review_changes on a tracking branch', () => {
  it('reports the upstream with ahead and behind counts, and a clean tree', async () => {
    const repo = await makeGitRepo();
    gitIn(repo.dir, 'switch', '-q', '-c', 'topic', '--track', 'main');
    await writeFile(path.join(repo.dir, 'src', 'topic.ts'), 'export const topic = 1;\n');
    gitIn(repo.dir, 'add', 'src/topic.ts');
    gitIn(repo.dir, 'commit', '-q', '-m', 'feat: topic');
    const orchestrator = await connectOrchestrator(repo.dir);
    try {
      const reply = await callTool(orchestrator, 'review_changes', {});
      expect(reply.isError, reply.text).toBe(false);
      const review = reviewChangesOutput.parse(reply.structured);
      expect(review).toMatchObject({ branch: 'topic', upstream: 'main', ahead: 1, behind: 0 });
      expect(review.diff).toMatchObject({ files: [], text: '', truncated: false });
      expect(reply.text).toContain('on topic, main: ahead 1, behind 0');
    } finally {
      await orchestrator.close();
      await repo.remove();
    }
  }, 60_000);
});
