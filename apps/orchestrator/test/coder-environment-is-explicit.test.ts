// The coder's environment is written out: the basics and TANDEM_* pass, secrets and shell functions do not.
import { expect, it } from 'vitest';
import { buildCoderEnvironment } from '../src/coder-client/coder-environment.js';

it('passes PATH, HOME and TANDEM_* and drops secrets and exported shell functions', () => {
  const env = buildCoderEnvironment({
    PATH: '/usr/bin:/bin',
    HOME: '/home/alice',
    LANG: 'C.UTF-8',
    TANDEM_LOG_LEVEL: 'debug',
    TANDEM_FIXTURE_STATE: '/tmp/state',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    GITHUB_TOKEN: 'ghp_secret',
    NODE_OPTIONS: '--require /tmp/evil.js',
    'BASH_FUNC_greet%%': '() {  echo hi\n}',
    TANDEM_SHELL_FN: '() { echo sneaky; }',
    UNDEFINED_ONE: undefined,
  });
  expect(env).toEqual({
    PATH: '/usr/bin:/bin',
    HOME: '/home/alice',
    LANG: 'C.UTF-8',
    TANDEM_LOG_LEVEL: 'debug',
    TANDEM_FIXTURE_STATE: '/tmp/state',
  });
});
