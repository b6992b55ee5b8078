import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type CoderSession,
  callError,
  callOk,
  connectCoder,
  makeTempDir,
  writeTree,
} from './support/coder.js';

interface Rewrite {
  outcome: string;
  dry_run: boolean;
  files: Array<{
    file: string;
    file_id: string;
    change_count: number;
    changes: Array<{ id: string; line: number; before: string; after: string }>;
    syntax_errors_before: number;
    syntax_errors_after: number;
    refused?: string;
    diff?: string;
  }>;
  total_changes: number;
  files_changed: number;
  overlapping: Array<{ file: string; line: number; column: number; inside_change: string }>;
  hints: string[];
}

const APP = [
  'export function run(items: string[]) {',
  '  log("start");',
  '  for (const item of items) {',
  '    log(item);',
  '  }',
  '}',
  '',
].join('\n');
const UTIL = 'export const util = () => log("util");\n';

describe('ast_rewrite', () => {
  let session: CoderSession;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const read = (file: string) => readFile(path.join(temp.dir, file), 'utf8');
  beforeEach(async () => {
    temp = await makeTempDir();
    await writeTree(temp.dir, { 'src/app.ts': APP, 'src/util.ts': UTIL });
    session = await connectCoder(temp.dir);
  });
  afterEach(async () => {
    await session.close();
    await temp.remove();
  });

  const dryRun = (args: Record<string, unknown> = {}) =>
    callOk<Rewrite>(session.client, 'ast_rewrite', {
      pattern: 'log($A)',
      rewrite: 'logger.info($A)',
      ...args,
    });

  it('a dry run returns a unified diff and change ids and writes nothing', async () => {
    const result = await dryRun();
    expect(result.outcome).toBe('changes');
    expect(result.dry_run).toBe(true);
    expect(result.total_changes).toBe(3);
    const app = result.files.find((f) => f.file === 'src/app.ts');
    expect(app?.diff).toContain('-  log("start");\n+  logger.info("start");');
    expect(app?.changes.map((c) => c.id)).toEqual([`${app?.file_id}:1`, `${app?.file_id}:2`]);
    expect(await read('src/app.ts')).toBe(APP);
    expect(result._text).toMatch(/^Dry run: 3 change\(s\) in 2 file\(s\); nothing written\./);
  });

  it('applies the ids of a dry run, exactly as the diff showed', async () => {
    const result = await dryRun();
    const applied = await dryRun({
      apply: true,
      change_ids: result.files.map((f) => f.file_id),
      expected_count: 3,
    });
    expect(applied.outcome).toBe('applied');
    expect(await read('src/app.ts')).toBe(APP.replaceAll('log(', 'logger.info('));
    expect(await read('src/util.ts')).toBe(UTIL.replace('log(', 'logger.info('));
  });

  it('applies a single change id and leaves the other changes alone', async () => {
    const result = await dryRun({ paths: ['src/app.ts'] });
    const second = result.files[0]?.changes[1]?.id as string;
    await dryRun({ apply: true, change_ids: [second] });
    expect(await read('src/app.ts')).toBe(APP.replace('log(item)', 'logger.info(item)'));
    expect(await read('src/util.ts')).toBe(UTIL);
  });

  it('changes nothing when a file changed since the dry run', async () => {
    const result = await dryRun();
    await writeFile(path.join(temp.dir, 'src/util.ts'), `${UTIL}// edited\n`);
    const error = await callError(session.client, 'ast_rewrite', {
      pattern: 'log($A)',
      rewrite: 'logger.info($A)',
      apply: true,
      change_ids: result.files.map((f) => f.file_id),
    });
    expect(error).toMatch(/Nothing was changed: 1 change id\(s\) match no current change/);
    expect(await read('src/app.ts')).toBe(APP);
  });

  it('changes nothing when expected_count differs, or an id is unknown', async () => {
    const result = await dryRun();
    const ids = result.files.map((f) => f.file_id);
    expect(
      await callError(session.client, 'ast_rewrite', {
        pattern: 'log($A)',
        rewrite: 'logger.info($A)',
        apply: true,
        change_ids: ids,
        expected_count: 2,
      }),
    ).toMatch(/Nothing was changed: the ids select 3 change\(s\), not the 2 expected/);
    expect(
      await callError(session.client, 'ast_rewrite', {
        pattern: 'log($A)',
        rewrite: 'logger.info($A)',
        apply: true,
        change_ids: [...ids, 'deadbeef:1'],
      }),
    ).toMatch(/deadbeef:1/);
    expect(await read('src/app.ts')).toBe(APP);
    expect(await read('src/util.ts')).toBe(UTIL);
  });

  it('will not apply without the ids of a dry run', async () => {
    expect(
      await callError(session.client, 'ast_rewrite', { pattern: 'log($A)', rewrite: 'x', apply: true }),
    ).toMatch(/apply needs the change_ids of a dry run/);
  });

  it('refuses a rewrite that adds syntax errors unless allowed', async () => {
    const result = await dryRun({ rewrite: 'logger.info($A', paths: ['src/util.ts'] });
    expect(result.files[0]?.refused).toMatch(/syntax errors from 0 to \d/);
    const ids = result.files.map((f) => f.file_id);
    const error = await callError(session.client, 'ast_rewrite', {
      pattern: 'log($A)',
      rewrite: 'logger.info($A',
      paths: ['src/util.ts'],
      apply: true,
      change_ids: ids,
    });
    expect(error).toMatch(/Nothing was changed: src\/util\.ts: the rewrite would raise its syntax errors/);
    expect(await read('src/util.ts')).toBe(UTIL);
    await dryRun({
      rewrite: 'logger.info($A',
      paths: ['src/util.ts'],
      apply: true,
      change_ids: ids,
      allow_syntax_errors: true,
    });
    expect(await read('src/util.ts')).toBe('export const util = () => logger.info("util";\n');
  });

  it('keeps file mode, CRLF line endings and the BOM', async () => {
    const crlf = '\uFEFFfunction f() {\r\n  log(1);\r\n}\r\n';
    await writeFile(path.join(temp.dir, 'crlf.js'), crlf);
    await chmod(path.join(temp.dir, 'crlf.js'), 0o755);
    const result = await dryRun({ paths: ['crlf.js'], rewrite: 'if (on) {\n  log($A);\n}' });
    await dryRun({
      paths: ['crlf.js'],
      rewrite: 'if (on) {\n  log($A);\n}',
      apply: true,
      change_ids: [result.files[0]?.file_id],
    });
    const bytes = await readFile(path.join(temp.dir, 'crlf.js'), 'utf8');
    expect(bytes).toBe('\uFEFFfunction f() {\r\n  if (on) {\r\n    log(1);\r\n  };\r\n}\r\n');
    expect((await stat(path.join(temp.dir, 'crlf.js'))).mode & 0o777).toBe(0o755);
  });

  it('re-indents multi-line replacements in Python like the CLI', async () => {
    await writeFile(
      path.join(temp.dir, 'job.py'),
      'class Job:\n    def run(self):\n        if ready:\n            go(1)\n',
    );
    const result = await dryRun({
      paths: ['job.py'],
      pattern: 'go($A)',
      rewrite: 'try:\n    go($A)\nexcept Exception:\n    pass',
    });
    await dryRun({
      paths: ['job.py'],
      pattern: 'go($A)',
      rewrite: 'try:\n    go($A)\nexcept Exception:\n    pass',
      apply: true,
      change_ids: [result.files[0]?.file_id],
    });
    expect(await read('job.py')).toBe(
      'class Job:\n    def run(self):\n        if ready:\n            try:\n                go(1)\n            except Exception:\n                pass\n',
    );
  });

  it('reports matches inside another match instead of dropping them silently', async () => {
    await writeFile(path.join(temp.dir, 'nested.js'), 'log(log(1));\n');
    const result = await dryRun({ paths: ['nested.js'] });
    expect(result.total_changes).toBe(1);
    expect(result.overlapping).toEqual([
      expect.objectContaining({
        file: 'nested.js',
        line: 1,
        column: 5,
        inside_change: `${result.files[0]?.file_id}:1`,
      }),
    ]);
    expect(result.hints.join('\n')).toMatch(/inside another match/);
  });

  it("uses a rule's fix when no rewrite is given, and refuses what napi cannot do", async () => {
    const rule = 'rule:\n  pattern: log($A)\nfix: trace($A)';
    const result = await callOk<Rewrite>(session.client, 'ast_rewrite', { rule, paths: ['src/util.ts'] });
    expect(result.files[0]?.diff).toContain('+export const util = () => trace("util");');
    const withRewriter =
      'rule:\n  pattern: log($A)\ntransform:\n  B:\n    rewrite:\n      source: $A\n      rewriters: [x]\nfix: $B';
    expect(await callError(session.client, 'ast_rewrite', { rule: withRewriter })).toMatch(
      /does not support/,
    );
  });

  it('no match is a result with hints, not an error', async () => {
    const result = await dryRun({ pattern: 'nothing_here($A)' });
    expect(result.outcome).toBe('no_matches');
    expect(result.total_changes).toBe(0);
  });
});
