import { createHash } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  realpath,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource, writeSourceAtomic } from '../src/engine/source-file.js';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tandem-source-'));
});
afterAll(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true, maxRetries: 5 });
});

/** A fresh directory per test, so temp-file checks see only that test's files. */
async function freshDir(): Promise<string> {
  counter += 1;
  const sub = path.join(dir, `t${counter}`);
  await mkdir(sub);
  return sub;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const isPosix = process.platform !== 'win32';

describe('readSource', () => {
  it('strips and remembers a BOM, notes the line ending and hashes the raw bytes', async () => {
    const file = path.join(await freshDir(), 'a.ts');
    const raw = Buffer.concat([BOM, Buffer.from('let a = "é😀";\r\nlet b;\r\n')]);
    await writeFile(file, raw);
    const result = await readSource(file);
    if (!result.ok) throw new Error(result.message);
    expect(result.file.text).toBe('let a = "é😀";\r\nlet b;\r\n');
    expect(result.file.bom).toBe(true);
    expect(result.file.eol).toBe('\r\n');
    expect(result.file.size).toBe(raw.byteLength);
    expect(result.file.hash).toBe(createHash('sha256').update(raw).digest('hex').slice(0, 16));
    expect(result.file.mtimeMs).toBe((await stat(file)).mtimeMs);
  });

  it('reports LF for a file without a BOM or line break', async () => {
    const file = path.join(await freshDir(), 'b.ts');
    await writeFile(file, 'x');
    const result = await readSource(file);
    expect(result.ok && result.file).toMatchObject({ text: 'x', bom: false, eol: '\n' });
  });

  it('takes the line ending most lines use', async () => {
    const file = path.join(await freshDir(), 'mixed.ts');
    await writeFile(file, 'a\r\nb\nc\r\nd\r\n');
    const result = await readSource(file);
    expect(result.ok && result.file.eol).toBe('\r\n');
  });

  it('reports a binary file instead of text', async () => {
    const file = path.join(await freshDir(), 'bin.ts');
    await writeFile(file, Buffer.from([0x61, 0x00, 0x62]));
    expect(await readSource(file)).toMatchObject({ ok: false, reason: 'binary', size: 3 });
  });

  it('reports a file that is not UTF-8 instead of text', async () => {
    const file = path.join(await freshDir(), 'latin1.ts');
    await writeFile(file, Buffer.from('caf\xe9 = 1;\n', 'latin1'));
    expect(await readSource(file)).toMatchObject({ ok: false, reason: 'not-utf8' });
  });

  it('reports a file over the size limit without reading it', async () => {
    const file = path.join(await freshDir(), 'big.ts');
    await writeFile(file, 'x'.repeat(100));
    expect(await readSource(file, { maxBytes: 99 })).toMatchObject({
      ok: false,
      reason: 'too-large',
      size: 100,
    });
    expect((await readSource(file, { maxBytes: 100 })).ok).toBe(true);
  });

  it('reports a directory as not a file', async () => {
    expect(await readSource(await freshDir())).toMatchObject({ ok: false, reason: 'not-a-file' });
  });
});

describe('writeSourceAtomic', () => {
  it.skipIf(!isPosix)('keeps the file mode', async () => {
    const file = path.join(await freshDir(), 'run.sh');
    await writeFile(file, 'echo old\n');
    await chmod(file, 0o751);
    await writeSourceAtomic(file, 'echo new\n');
    expect((await stat(file)).mode & 0o7777).toBe(0o751);
    expect(await readFile(file, 'utf8')).toBe('echo new\n');
  });

  it.skipIf(!isPosix)('sets the mode it is given', async () => {
    const file = path.join(await freshDir(), 'new.ts');
    await writeSourceAtomic(file, 'x\n', { mode: 0o600 });
    expect((await stat(file)).mode & 0o7777).toBe(0o600);
  });

  it('writes the BOM back and keeps CRLF text as it is', async () => {
    const file = path.join(await freshDir(), 'bom.ts');
    await writeFile(file, Buffer.concat([BOM, Buffer.from('a\r\n')]));
    const read = await readSource(file);
    if (!read.ok) throw new Error(read.message);
    const written = await writeSourceAtomic(file, `${read.file.text}b\r\n`, { bom: read.file.bom });
    const bytes = await readFile(file);
    expect(bytes).toEqual(Buffer.concat([BOM, Buffer.from('a\r\nb\r\n')]));
    const reread = await readSource(file);
    expect(reread.ok && reread.file.hash).toBe(written.hash);
  });

  it('leaves no temporary file behind', async () => {
    const sub = await freshDir();
    const file = path.join(sub, 'a.py');
    await writeFile(file, 'old\n');
    await writeSourceAtomic(file, 'new\n');
    expect(await readdir(sub)).toEqual(['a.py']);
  });

  it.skipIf(!isPosix)('writes through a symlink to its target and keeps the link', async () => {
    const sub = await freshDir();
    const target = path.join(sub, 'real.ts');
    const link = path.join(sub, 'link.ts');
    await writeFile(target, 'old\n');
    await symlink('real.ts', link);
    const written = await writeSourceAtomic(link, 'new\n');
    expect(written.path).toBe(await realpath(target));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('real.ts');
    expect(await readFile(target, 'utf8')).toBe('new\n');
  });

  it.skipIf(!isPosix)('refuses a symlink to a missing file', async () => {
    const sub = await freshDir();
    await symlink('missing.ts', path.join(sub, 'dangling.ts'));
    await expect(writeSourceAtomic(path.join(sub, 'dangling.ts'), 'x')).rejects.toThrow(/missing file/);
    expect(await readdir(sub)).toEqual(['dangling.ts']);
  });

  it('on a failed rename removes its temporary file and leaves the target as it was', async () => {
    // A directory in the target's place makes the final rename fail after the temp file is written.
    const sub = await freshDir();
    const target = path.join(sub, 'target.ts');
    await mkdir(target);
    await writeFile(path.join(target, 'inside.txt'), 'kept');
    await expect(writeSourceAtomic(target, 'new\n')).rejects.toThrow();
    expect(await readdir(sub)).toEqual(['target.ts']);
    expect(await readFile(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });

  // root ignores directory permissions, so this case can only be shown as an ordinary user.
  it.skipIf(!isPosix || process.getuid?.() === 0)(
    'in a read-only directory fails and leaves the original intact',
    async () => {
      const sub = await freshDir();
      const file = path.join(sub, 'a.ts');
      await writeFile(file, 'original\n');
      await chmod(sub, 0o555);
      try {
        await expect(writeSourceAtomic(file, 'new\n')).rejects.toThrow(/EACCES|EPERM/);
        expect(await readFile(file, 'utf8')).toBe('original\n');
        expect(await readdir(sub)).toEqual(['a.ts']);
      } finally {
        await chmod(sub, 0o755);
      }
    },
  );
});
