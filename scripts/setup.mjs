#!/usr/bin/env node
// Installs and builds what the demo and the tests need, on a machine that has only Node (>= 20) and
// npm: pnpm comes through npx at the version package.json pins, everything else from the lockfile,
// and turbo builds only what changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'node_modules', '.bin');
const windows = process.platform === 'win32';
const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z

const env = {
  ...process.env,
  PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
};

function run(command, args, what) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: windows,
  });
  if (result.error || result.status !== 0) {
    const reason = result.error ? result.error.message : `exit code ${result.status}`;
    process.stderr.write(`setup: ${what} failed (${reason}).\n`);
    process.exit(result.status || 1);
  }
  process.stderr.write(`setup: ${what} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) {
  process.stderr.write(`setup: Node ${process.versions.node} is too old; Tandem needs Node 20 or newer.\n`);
  process.exit(1);
}

// The project's own pnpm (a devDependency) once installed; npx fetches the pinned one the first time.
const localPnpm = path.join(bin, windows ? 'pnpm.cmd' : 'pnpm');
const install = ['install', '--frozen-lockfile', '--reporter=append-only'];
if (existsSync(localPnpm)) run(localPnpm, install, 'install');
else run(windows ? 'npx.cmd' : 'npx', ['-y', pinned, ...install], `install (${pinned} through npx)`);

run(path.join(bin, windows ? 'turbo.cmd' : 'turbo'), ['run', 'build', '--output-logs=errors-only'], 'build');
