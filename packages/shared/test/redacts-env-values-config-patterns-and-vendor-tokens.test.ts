import { describe, expect, it } from 'vitest';
import { Redactor } from '../src/governance/redaction.js';
import { fake, randomKey } from './support/fake-secrets.js';

describe('Redactor', () => {
  it('masks the values of secret-looking environment variables, names matched case-insensitively', () => {
    const values = {
      TANDEM_TEST_TOKEN: randomKey(24),
      aws_secret: randomKey(20),
      DB_PASSWORD_PROD: 'hunter2hunter2',
      deploy_key: randomKey(30),
      API_KEY: 'shortish',
    };
    const redactor = new Redactor({ env: { ...values, HOME: '/home/someone-long' } });
    expect(redactor.envNames).toEqual([
      'API_KEY',
      'DB_PASSWORD_PROD',
      'TANDEM_TEST_TOKEN',
      'aws_secret',
      'deploy_key',
    ]);
    for (const value of Object.values(values)) {
      const masked = redactor.redactSync(`before ${value} after`);
      expect(masked).not.toContain(value);
      expect(masked).toMatch(/^before \S*\*\*\*\* after$/);
    }
    expect(redactor.redactSync('home is /home/someone-long')).toBe('home is /home/someone-long');
  });

  it('ignores short and trivial values, and names that do not look secret', () => {
    const redactor = new Redactor({
      env: { GITHUB_TOKEN: 'true', NPM_KEY: '12345', SOME_SECRET: '      ', EDITOR: 'vim-is-long-enough' },
    });
    expect(redactor.envNames).toEqual([]);
    expect(redactor.redactSync('true 12345 vim-is-long-enough')).toBe('true 12345 vim-is-long-enough');
  });

  it('masks the names the config adds and the JSON-escaped form of a value', () => {
    const value = `pa"ss\\${randomKey(12)}`;
    const redactor = new Redactor({ env: { SERVICE_CREDS: value }, envNames: ['SERVICE_CREDS'] });
    expect(redactor.redactSync(`raw ${value}`)).not.toContain(value);
    const json = JSON.stringify({ value });
    expect(redactor.redactSync(json)).not.toContain(JSON.stringify(value).slice(1, -1));
  });

  it('masks matches of the config regexes, only the `secret` group when there is one', () => {
    const id = randomKey(12).toLowerCase();
    const redactor = new Redactor({
      env: {},
      patterns: ['acme-[a-z0-9]{12}', 'session=(?<secret>[^;\\s]+)', '/internal-ID-\\d+/i'],
    });
    expect(redactor.redactSync(`key acme-${id} used`)).toBe('key acme**** used');
    expect(redactor.redactSync('cookie session=abcdef0123456789xyz; path=/')).toBe(
      'cookie session=abcd****; path=/',
    );
    expect(redactor.redactSync('see INTERNAL-id-42 and internal-ID-7')).toBe('see **** and ****');
  });

  it('masks a private key block even when it is cut off', () => {
    const key = fake.privateKey();
    const redactor = new Redactor({ env: {} });
    expect(redactor.redactSync(`key: ${key}\nnext line`)).toBe('key: ****\nnext line');
    const cut = key.slice(0, 200);
    expect(redactor.redactSync(`start ${cut}`)).toBe('start ****');
  });

  it('masks high-entropy assignments synchronously, whatever secretlint comments say', () => {
    const value = randomKey(32);
    const redactor = new Redactor({ env: {} });
    const line = `api_key = "${value}" // secretlint-disable-line`;
    const masked = redactor.redactSync(line);
    expect(masked).not.toContain(value);
    expect(masked).toContain(`api_key = "${value.slice(0, 4)}****"`);
  });

  it("masks secretlint's vendor tokens asynchronously, keeping the prefix that names them", async () => {
    const redactor = new Redactor({ env: {} });
    const github = fake.githubToken();
    const slack = fake.slackToken();
    const aws = fake.awsAccessKeyId();
    const text = `gh ${github}\nslack ${slack}\naws ${aws}`;
    expect(redactor.redactSync(text)).toBe(text);
    const masked = await redactor.redact(text);
    for (const secret of [github, slack, aws]) expect(masked).not.toContain(secret);
    expect(masked).toBe(
      `gh ${github.slice(0, 4)}****\nslack ${slack.slice(0, 4)}****\naws ${aws.slice(0, 4)}****`,
    );
  });

  it('skips secretlint when the pre-check rules out every vendor pattern, and not otherwise', () => {
    const redactor = new Redactor({ env: {} });
    expect(redactor.mayHoldVendorSecret('console.log($A)')).toBe(false);
    expect(redactor.mayHoldVendorSecret('a short message, nothing to see')).toBe(false);
    for (const secret of [
      fake.githubToken(),
      fake.slackToken(),
      fake.awsAccessKeyId(),
      fake.awsSecretAccessKey(),
      fake.privateKey(),
      'https://user:pw@example.com/x',
      'mongodb://u:p@db/x',
      '//registry.npmjs.org/:_authToken=abc',
      'xoxb-1-a',
      'SG.a.b',
    ]) {
      expect(redactor.mayHoldVendorSecret(`x ${secret} y`), secret.slice(0, 12)).toBe(true);
    }
  });

  it('masks only the environment in maskEnvValues, the text a caller gets back', async () => {
    const value = randomKey(20);
    const github = fake.githubToken();
    const redactor = new Redactor({ env: { CI_TOKEN: value }, patterns: ['acme-\\d+'] });
    expect(redactor.maskEnvValues(`${value} ${github} acme-1`)).toBe(
      `${value.slice(0, 4)}**** ${github} acme-1`,
    );
  });
});
