import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { orchestratorMain } from './support/paths.js';

describe('the orchestrator with an invalid .tandem/config.yaml', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true, maxRetries: 5 });
  });

  it('does not start: it exits 2 naming the file, the line and the key', async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'tandem-orch-config-'));
    await mkdir(path.join(root, '.tandem'));
    await writeFile(
      path.join(root, '.tandem', 'config.yaml'),
      'languages:\n  - name: x\n    library_path: x.so\n    extensions: 3\n',
    );
    const child = spawn(process.execPath, [orchestratorMain, '--root', root], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /Invalid config .*config\.yaml: line 4: languages\[0\]\.extensions: expected array/,
    );
    expect(stdout).toBe('');
  });
});
