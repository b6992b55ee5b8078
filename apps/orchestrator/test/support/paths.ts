// Where the built servers and the sample workspace are, resolved from this file.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const orchestratorMain = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
export const coderMain = fileURLToPath(new URL('../../../coder/dist/main.js', import.meta.url));
export const fixtureCoder = fileURLToPath(new URL('../fixtures/fixture-coder.mjs', import.meta.url));
export const sampleRepo = realpathSync(
  fileURLToPath(new URL('../../../../examples/sample-repo', import.meta.url)),
);
