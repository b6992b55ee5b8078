import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultRedactor, Redactor } from '../src/governance/redaction.js';
import { createLogger, flushLogs, setLogRedactor, writeLogLine } from '../src/log/logger.js';
import { fake, randomKey } from './support/fake-secrets.js';

describe('the logger', () => {
  let written: string[];
  const envToken = randomKey(24);
  beforeEach(() => {
    written = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    setLogRedactor(new Redactor({ env: { TANDEM_TEST_TOKEN: envToken }, patterns: ['acme-\\d{6}'] }));
  });
  afterEach(async () => {
    await flushLogs();
    vi.restoreAllMocks();
    setLogRedactor(defaultRedactor());
  });

  it('masks environment values and config patterns in messages and fields, synchronously', () => {
    const logger = createLogger('test', 'debug');
    logger.info(`using ${envToken}`, { id: 'acme-123456', nested: { token: envToken } });
    logger.debug('plain line');
    // Written before any await: no vendor token could be in these lines.
    expect(written).toHaveLength(2);
    expect(written.join('')).not.toContain(envToken);
    expect(written.join('')).not.toContain('acme-123456');
    expect(written[0]).toMatch(
      /info {2}\[test\] using \S{4}\*\*\*\* \{"id":"\*\*\*\*","nested":\{"token":"\S{4}\*\*\*\*"\}\}\n$/,
    );
    expect(written[1]).toMatch(/debug \[test\] plain line\n$/);
  });

  it("masks secretlint's vendor tokens and keeps the lines in order", async () => {
    const logger = createLogger('test', 'debug');
    const github = fake.githubToken();
    const slack = fake.slackToken();
    logger.info('first');
    logger.warn(`found ${github} in a file`);
    logger.info('third');
    writeLogLine(`[coder] child says ${slack}`);
    logger.error('last');
    await flushLogs();
    const text = written.join('');
    expect(text).not.toContain(github);
    expect(text).not.toContain(slack);
    expect(written.map((line) => line.replace(/^\d{4}-\S+ /, ''))).toEqual([
      'info  [test] first\n',
      `warn  [test] found ${github.slice(0, 4)}**** in a file\n`,
      'info  [test] third\n',
      `[coder] child says ${slack.slice(0, 4)}****\n`,
      'error [test] last\n',
    ]);
  });
});
