// The code the benchmarks run on: real sources shipped in npm packages, pinned by name, version and
// the registry's integrity, fetched by the bench itself with `npm pack` into bench/.corpora/
// (gitignored), checked, extracted with `tar` and reused on later runs. Nothing here depends on the
// workspace's own dependencies, so the corpora do not move when a devDependency is bumped.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPORA_DIR = process.env.BENCH_CORPORA_DIR
  ? path.resolve(process.env.BENCH_CORPORA_DIR)
  : path.join(repo, 'bench', '.corpora');

/** name@version, the directory of the package the bench uses, and the tarball's integrity on the registry. */
export const PACKAGES = {
  three: {
    spec: 'three@0.187.0',
    sub: 'src',
    integrity:
      'sha512-Qiu7R+Cmh8CstZsY1uJOSWnVlfo7ZtNLV7mF8Jltk3LB3AtDu9cRZlcnRKkAk8Y4z6KKw35z7Y7Urd7jWY8etA==',
  },
  rxjs: {
    spec: 'rxjs@7.8.2',
    sub: 'src',
    integrity:
      'sha512-dhKf903U/PQZY6boNNtAGdWbG85WAbjT/1xYoZIC7FAY0yWapOBQVsVrDl58W86//e1VpMNBtRV4MaXfdMySFA==',
  },
  gyp: {
    spec: 'node-gyp@11.5.0',
    sub: 'gyp/pylib',
    integrity:
      'sha512-ra7Kvlhxn5V9Slyus0ygMa2h+UqExPqUIkfk7Pc8QTLT956JLSy51uWFwHtIYy0vI8cB4BDhc/S03+880My/LQ==',
  },
};

function integrityOf(file) {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** The extracted package directory of corpus `name`, fetched and checked on first use. */
export function packageDir(name) {
  const pkg = PACKAGES[name];
  if (!pkg) throw new Error(`unknown corpus ${name}`);
  const dir = path.join(CORPORA_DIR, pkg.spec);
  const done = path.join(dir, '.extracted');
  if (existsSync(done)) return path.join(dir, 'package');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`bench: fetching ${pkg.spec} with npm pack\n`);
  // npm checks the tarball against the registry's integrity; the pinned value is checked again here so
  // a republished or substituted tarball cannot change the corpus silently.
  execFileSync('npm', ['pack', pkg.spec, '--pack-destination', dir, '--silent'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(dir).find((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${pkg.spec} left no tarball in ${dir}`);
  const actual = integrityOf(path.join(dir, tarball));
  if (actual !== pkg.integrity) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${pkg.spec}: integrity ${actual} is not the pinned ${pkg.integrity}`);
  }
  execFileSync('tar', ['-xzf', tarball], { cwd: dir, stdio: 'inherit' });
  rmSync(path.join(dir, tarball));
  writeFileSync(done, `${pkg.integrity}\n`);
  return path.join(dir, 'package');
}

/** Copies the benchmarked sources of corpus `name` to `target` (benchmarks write into their copy). */
export function copyCorpus(name, target) {
  cpSync(path.join(packageDir(name), PACKAGES[name].sub), target, { recursive: true });
}

/** `three@0.187.0 src/` for the page's header. */
export function describeCorpus(name) {
  const { spec, sub } = PACKAGES[name];
  return `${spec} ${sub}/`;
}
