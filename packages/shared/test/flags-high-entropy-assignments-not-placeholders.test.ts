import { describe, expect, it } from 'vitest';
import { findSecrets, HIGH_ENTROPY_RULE, shannonEntropy } from '../src/secrets/index.js';
import { randomKey } from './support/fake-secrets.js';

describe('the high-entropy assignment check', () => {
  it.each([
    ['api_key = "%s"', 'settings.py'],
    ["token: '%s'", 'config.yaml'],
    ['SECRET=%s', '.env'],
    ['"client_secret": "%s",', 'app.json'],
    ['const apiKey = `%s`;', 'app.ts'],
    ['Authorization: "Bearer %s"', 'request.http'],
  ])('flags a random value in `%s`', async (template, file) => {
    const value = randomKey(32);
    const text = `${template.replace('%s', value)}\n`;
    const findings = await findSecrets(text, file);
    expect(findings.map((f) => f.rule)).toEqual([HIGH_ENTROPY_RULE]);
    const [finding] = findings;
    expect(text.slice(finding?.start, finding?.end)).toBe(value);
    expect(finding).toMatchObject({ line: 1, column: text.indexOf(value) + 1, severity: 'warning' });
    expect(finding?.message).not.toContain(value);
  });

  it.each([
    'api_key = "changeme"',
    'api_key = "changeme-changeme-12345"',
    'password = "xxxxxxxxxxxxxxxxxxxx"',
    'token: "<your-key-goes-here>"',
    'token: "<YOUR_API_TOKEN>"',
    `SECRET=\${SECRET_FROM_VAULT}`,
    `api_key = "\${API_KEY}"`,
    'token: "{{ .Values.apiToken }}"',
    'secret = process.env.SECRET_VALUE_2',
    'SECRET_KEY=%SECRET_KEY_FROM_ENV%',
    'api_key = "YOUR_API_KEY_HERE_12345"',
    'aws_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    'password = "****************"',
    'token = someVariableNameHere',
    'secret_name = "my-app-secret-name-for-prod"',
    'token_url = "https://auth.example.org/oauth2/token/v1"',
    'private_key_path = "./keys/deploy_key_2024.pem"',
    'api_key = "Ab1"',
    // Code and prose that only look like assignments of secrets.
    "key: 'Access-Control-Allow-Origin'",
    'const cancellationToken = createCancellationToken(args2);',
    'this.tokenize = line_js_1.tokenize;',
    'const TOKEN_PATTERN = "[A-Za-z0-9._~+/-]+=*";',
    'staticMap[key] = [all[0], handlers2];',
  ])('does not flag `%s`', async (line) => {
    expect(await findSecrets(`${line}\n`, 'settings.py')).toEqual([]);
  });

  it('flags an unquoted JWT-shaped value, whose dotted parts are long', async () => {
    const value = [randomKey(36), randomKey(48), randomKey(43)].join('.');
    const findings = await findSecrets(`ACCESS_TOKEN=${value}\n`, '.env');
    expect(findings.map((f) => [f.kind, f.column])).toEqual([['HighEntropyAssignment', 14]]);
  });

  it('does not flag a random value under a name that says nothing of secrets', async () => {
    expect(await findSecrets(`request_id = "${randomKey(32)}"\n`, 'a.py')).toEqual([]);
  });

  it('measures Shannon entropy in bits per character', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abab')).toBe(1);
    expect(shannonEntropy('abcdefgh')).toBe(3);
  });
});
