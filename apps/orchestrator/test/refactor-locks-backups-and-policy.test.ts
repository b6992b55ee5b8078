// The pieces under refactor, unit by unit: per-file locks (in process and across processes), the
// byte-for-byte backup and its verified restore, and the protected-path policy.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { refactorSection } from '@tandem/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backUp, restore } from '../src/refactor/backup.js';
import { lockFiles } from '../src/refactor/file-locks.js';
import { checkPolicy } from '../src/refactor/policy.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tandem-refactor-unit-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

const options = (timeoutMs = 5000, signal = new AbortController().signal) => ({ root, signal, timeoutMs });

describe('lockFiles', () => {
  it('queues a second holder of the same file until the first releases', async () => {
    const order: string[] = [];
    const first = await lockFiles(['/w/b', '/w/a'], options());
    const second = lockFiles(['/w/a'], options()).then((held) => {
      order.push('second');
      return held;
    });
    await new Promise((resolve) => setImmediate(resolve));
    order.push('first releases');
    await first.release();
    await (await second).release();
    expect(order).toEqual(['first releases', 'second']);
    expect(await readdir(path.join(root, '.tandem', 'locks'))).toEqual([]);
  });

  it('does not hold up a refactor of other files', async () => {
    const first = await lockFiles(['/w/a'], options());
    const other = await lockFiles(['/w/b'], options());
    await other.release();
    await first.release();
  });

  it('gives up after its timeout, and the queue behind it still works', async () => {
    const first = await lockFiles(['/w/a'], options());
    await expect(lockFiles(['/w/a'], options(50))).rejects.toThrow(/Another refactor still holds \/w\/a/);
    const third = lockFiles(['/w/a'], options());
    await first.release();
    await (await third).release();
  });

  it('waits for a lock file held by another live process, and takes over one of a dead process', async () => {
    const locks = path.join(root, '.tandem', 'locks');
    // Learn the lock file's name, then plant it as if another process held it.
    const probe = await lockFiles(['/w/a'], options());
    const [name] = await readdir(locks);
    await probe.release();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(path.join(locks, name as string), JSON.stringify({ pid: other.pid, file: '/w/a' }));
      await expect(lockFiles(['/w/a'], options(200))).rejects.toThrow(/Another refactor still holds/);
    } finally {
      other.kill('SIGKILL');
      await new Promise((resolve) => other.once('exit', resolve));
    }
    // Now its holder is dead: the lock is taken over.
    const taken = await lockFiles(['/w/a'], options(2000));
    expect(JSON.parse(await readFile(path.join(locks, name as string), 'utf8')).pid).toBe(process.pid);
    await taken.release();
  });

  it('stops waiting when the call is cancelled', async () => {
    const first = await lockFiles(['/w/a'], options());
    const controller = new AbortController();
    const waiting = lockFiles(['/w/a'], options(10_000, controller.signal));
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await first.release();
  });
});

describe('backUp and restore', () => {
  it('puts back the exact bytes and mode, through a symlink to the target, and verifies them', async () => {
    const file = path.join(root, 'a.py');
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0x00, 0xff]);
    await writeFile(file, bytes);
    await chmod(file, 0o640);
    const untouched = path.join(root, 'b.py');
    await writeFile(untouched, 'b');
    const [backup] = await backUp([{ file: 'a.py', absolute: file }]);
    await writeFile(file, 'rewritten');
    await chmod(file, 0o600);
    await writeFile(untouched, 'b changed by someone else');
    const restored = await restore(backup ? [backup] : []);
    expect(restored).toEqual([{ file: 'a.py', rewritten: true, sha256: backup?.sha256, verified: true }]);
    expect(await readFile(file)).toEqual(bytes);
    expect((await stat(file)).mode & 0o7777).toBe(0o640);
    expect(await readFile(untouched, 'utf8')).toBe('b changed by someone else');
    expect((await readdir(root)).sort()).toEqual(['a.py', 'b.py']);
  });

  it('writes nothing for a file that already has its bytes', async () => {
    const file = path.join(root, 'a.py');
    await writeFile(file, 'same');
    const before = (await stat(file)).ino;
    const restored = await restore(await backUp([{ file: 'a.py', absolute: file }]));
    expect(restored[0]).toMatchObject({ rewritten: false, verified: true });
    expect((await stat(file)).ino).toBe(before);
  });

  it('recreates a file deleted since the backup', async () => {
    await mkdir(path.join(root, 'd'));
    const file = path.join(root, 'd', 'a.py');
    await writeFile(file, 'x');
    const backups = await backUp([{ file: 'd/a.py', absolute: file }]);
    await rm(file);
    expect((await restore(backups))[0]).toMatchObject({ rewritten: true, verified: true });
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('keeps a symlink a symlink when given its target', async () => {
    const target = path.join(root, 'real.py');
    await writeFile(target, 'x');
    await symlink(target, path.join(root, 'link.py'));
    const backups = await backUp([{ file: 'real.py', absolute: target }]);
    await writeFile(target, 'y');
    await restore(backups);
    expect(await readFile(path.join(root, 'link.py'), 'utf8')).toBe('x');
  });
});

describe('checkPolicy', () => {
  const files = (...names: string[]) => names.map((file) => ({ file, real: file }));
  const config = (section: unknown) => refactorSection.parse(section);

  it('always protects .git and .tandem, even with the built-in list off', () => {
    const off = config({ builtin_protected_paths: false });
    expect(() => checkPolicy(files('.tandem/config.yaml'), off)).toThrow(
      /protected paths: \.tandem\/config\.yaml/,
    );
    expect(() => checkPolicy(files('.git/hooks/x.sh'), off)).toThrow(/protected/);
    expect(() => checkPolicy(files('pnpm-lock.yaml'), off)).not.toThrow();
  });

  it('protects lockfiles and dependency trees by default, at any depth', () => {
    expect(() => checkPolicy(files('apps/web/pnpm-lock.yaml'), config({}))).toThrow(/protected/);
    expect(() => checkPolicy(files('node_modules/x/index.js'), config({}))).toThrow(/protected/);
    expect(() => checkPolicy(files('src/index.ts'), config({}))).not.toThrow();
  });

  it('adds configured globs; one without "/" matches the name anywhere; the real path counts too', () => {
    const section = config({ protected_paths: ['*.gen.ts', 'secrets/**'] });
    expect(() => checkPolicy(files('src/deep/api.gen.ts'), section)).toThrow(/api\.gen\.ts/);
    expect(() => checkPolicy([{ file: 'link.ts', real: 'secrets/key.ts' }], section)).toThrow(/link\.ts/);
    expect(() => checkPolicy(files('.git/config'), section)).toThrow(/protected/);
  });

  it('refuses more files than max_files', () => {
    expect(() => checkPolicy(files('a.ts', 'b.ts', 'c.ts'), config({ max_files: 2 }))).toThrow(
      /would change 3 files, more than refactor\.max_files \(2\)/,
    );
    expect(() => checkPolicy(files('a.ts', 'b.ts'), config({ max_files: 2 }))).not.toThrow();
  });
});
