import { describe, expect, it } from 'vitest';
import { findSecrets, MASK, maskSecret, redactSecrets } from '../src/secrets/index.js';
import { fake, randomKey } from './support/fake-secrets.js';

describe('maskSecret', () => {
  it('keeps at most the first 4 characters and hides the length', () => {
    const long = randomKey(40);
    expect(maskSecret(long)).toBe(`${long.slice(0, 4)}****`);
    expect(maskSecret(randomKey(90))).toHaveLength(8);
  });

  it('masks short secrets entirely', () => {
    expect(maskSecret('hunter2')).toBe(MASK);
    expect(maskSecret(randomKey(15))).toBe(MASK);
    expect(maskSecret('')).toBe(MASK);
  });

  it('never shows more than a 4-character prefix in any finding field', async () => {
    const secrets = [
      fake.githubToken(),
      fake.slackToken(),
      fake.awsAccessKeyId(),
      fake.awsSecretAccessKey(),
      randomKey(32),
    ];
    const text = [
      `gh = "${secrets[0]}"`,
      `slack = "${secrets[1]}"`,
      `id = "${secrets[2]}"`,
      `aws_secret_access_key = "${secrets[3]}"`,
      `api_key = "${secrets[4]}"`,
    ].join('\n');
    const findings = await findSecrets(text, 'config.py');
    expect(findings).toHaveLength(secrets.length);
    const shown = JSON.stringify(findings.map(({ start: _s, end: _e, ...rest }) => rest));
    for (const secret of secrets) {
      // No 5-character piece of any secret appears in what a finding shows.
      for (let i = 0; i + 5 <= secret.length; i += 1) expect(shown).not.toContain(secret.slice(i, i + 5));
    }
  });

  it('redacts every finding in the text', async () => {
    const token = fake.githubToken();
    const text = `a = 1\ntoken = "${token}"\n`;
    const redacted = redactSecrets(text, await findSecrets(text, 'a.py'));
    expect(redacted).toBe(`a = 1\ntoken = "${token.slice(0, 4)}****"\n`);
  });
});
