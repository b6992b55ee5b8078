import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_FILE_BYTES, DEFAULT_AUDIT_FILES } from '../src/config/audit.js';
import { ConfigError, loadConfig } from '../src/config/load-config.js';
import { makeTempDir } from './support/temp-dir.js';

describe('the redaction and audit config sections', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  const write = (text: string) => writeFile(path.join(temp.dir, '.tandem', 'config.yaml'), text);
  beforeEach(async () => {
    temp = await makeTempDir();
    await mkdir(path.join(temp.dir, '.tandem'));
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('default to no extra patterns and 10 files of 10 MiB', () => {
    const { config } = loadConfig(temp.dir);
    expect(config.redaction).toEqual({ patterns: [], env: [] });
    expect(config.audit).toEqual({ max_file_bytes: 10 * 1024 * 1024, max_files: 10 });
    expect([DEFAULT_AUDIT_FILE_BYTES, DEFAULT_AUDIT_FILES]).toEqual([10 * 1024 * 1024, 10]);
  });

  it('read patterns, env names and limits, filling in what is left out', async () => {
    await write(
      "redaction:\n  patterns: ['acme-[0-9]+', '/Bearer \\S+/i']\n  env: [VAULT_ROLE_ID]\naudit:\n  max_files: 3\n",
    );
    const { config } = loadConfig(temp.dir);
    expect(config.redaction).toEqual({ patterns: ['acme-[0-9]+', '/Bearer \\S+/i'], env: ['VAULT_ROLE_ID'] });
    expect(config.audit).toEqual({ max_file_bytes: DEFAULT_AUDIT_FILE_BYTES, max_files: 3 });
  });

  it.each([
    ["redaction:\n  patterns: ['acme-(']\n", 2, 'redaction.patterns[0]', /is not a valid regular expression/],
    ["redaction:\n  patterns: ['x*']\n", 2, 'redaction.patterns[0]', /must not match the empty string/],
    ['redaction:\n  env: [not-a-name]\n', 2, 'redaction.env[0]', /environment variable name/],
    ['audit:\n  max_file_bytes: 10\n', 2, 'audit.max_file_bytes', />=1024/],
    ['audit:\n  max_files: 0\n', 2, 'audit.max_files', />=1/],
    ['audit:\n  max_size: 5\n', 2, 'audit.max_size', /unknown key "max_size"/],
  ])('refuses %j, naming line %i and key %s', async (text, line, key, message) => {
    await write(text);
    let error: unknown;
    try {
      loadConfig(temp.dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).line).toBe(line);
    expect((error as ConfigError).key).toBe(key);
    expect((error as ConfigError).message).toMatch(message);
  });
});
