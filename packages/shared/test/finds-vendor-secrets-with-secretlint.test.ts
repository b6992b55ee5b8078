import { describe, expect, it } from 'vitest';
import { findSecrets } from '../src/secrets/index.js';
import { fake } from './support/fake-secrets.js';

describe("findSecrets runs secretlint's recommended preset", () => {
  it("finds an AWS access key id and secret access key, with the secret's own position", async () => {
    const id = fake.awsAccessKeyId();
    const secret = fake.awsSecretAccessKey();
    const text = `[default]\naws_access_key_id = ${id}\nAWS_SECRET_ACCESS_KEY = "${secret}"\n`;
    const findings = await findSecrets(text, 'credentials');
    const kinds = findings.map((f) => f.kind);
    expect(kinds).toEqual(['AWSAccessKeyID', 'AWSSecretAccessKey']);
    const [idFinding, secretFinding] = findings;
    expect(text.slice(idFinding?.start, idFinding?.end)).toBe(id);
    expect(idFinding).toMatchObject({ line: 2, column: 'aws_access_key_id = '.length + 1 });
    // secretlint reports this rule at the start of the assignment; the finding points at the key.
    expect(text.slice(secretFinding?.start, secretFinding?.end)).toBe(secret);
    expect(secretFinding).toMatchObject({
      rule: '@secretlint/secretlint-rule-aws',
      line: 3,
      column: 'AWS_SECRET_ACCESS_KEY = "'.length + 1,
      endLine: 3,
      endColumn: 'AWS_SECRET_ACCESS_KEY = "'.length + 41,
      severity: 'error',
    });
  });

  it('finds a GitHub token', async () => {
    const token = fake.githubToken();
    const findings = await findSecrets(`const token = '${token}';\n`, 'src/client.ts');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: '@secretlint/secretlint-rule-github',
      kind: 'GITHUB_TOKEN',
      line: 1,
      column: 16,
      masked: `${token.slice(0, 4)}****`,
    });
    // The token type is kept in the message; the token itself is not.
    expect(findings[0]?.message).toContain('GitHub personal access tokens');
    expect(findings[0]?.message).not.toContain(token);
  });

  it('finds a private key block spanning lines', async () => {
    const key = fake.privateKey();
    const text = `# deploy key\n${key}\n`;
    const findings = await findSecrets(text, 'id_rsa');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ rule: '@secretlint/secretlint-rule-privatekey', line: 2, column: 1 });
    expect(finding?.endLine).toBe(text.split('\n').length - 1);
    expect(finding?.masked).toBe('----****');
  });

  it('finds a Slack token', async () => {
    const token = fake.slackToken();
    const findings = await findSecrets(`SLACK_BOT=${token}\n`, '.env');
    expect(findings.map((f) => f.kind)).toEqual(['SLACK_TOKEN']);
    expect(findings[0]?.message).not.toContain(token);
  });

  it('reports a secret once even when the generic check also sees its assignment', async () => {
    const token = fake.githubToken();
    const findings = await findSecrets(`api_token = "${token}"\n`, 'config.py');
    expect(findings.map((f) => f.rule)).toEqual(['@secretlint/secretlint-rule-github']);
  });

  it('honours secretlint-disable-line comments', async () => {
    const text = `token = '${fake.githubToken()}' // secretlint-disable-line\n`;
    expect(await findSecrets(text, 'a.js')).toEqual([]);
  });
});
