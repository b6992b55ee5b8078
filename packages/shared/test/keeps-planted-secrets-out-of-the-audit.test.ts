// Secrets planted in arguments, in tool outputs, in error messages and in the server's environment
// reach neither the audit nor the log; the caller still gets its own data back.
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolDefiner } from '../src/seam/define-tool.js';
import { ToolError } from '../src/seam/tool-error.js';
import { readAudit } from './support/audit-file.js';
import { fake, randomKey } from './support/fake-secrets.js';
import { allTestTools, type Connected, connect, type TestServices, textOf } from './support/test-tools.js';

const defineTestTool = toolDefiner<TestServices>();
const writes = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false };

/** Returns what it is given, as a tool that reads a file holding a secret would. */
const revealTool = defineTestTool({
  name: 'reveal',
  title: 'Reveal',
  description: 'Returns its text, and fails quoting it when asked to.',
  input: z.object({ text: z.string(), fail: z.boolean().default(false) }),
  output: z.object({ text: z.string() }),
  annotations: writes,
  async handler(args) {
    if (args.fail) throw new ToolError(`Cannot use ${args.text}.`, { hint: 'Try again.' });
    return { structured: { text: args.text }, filesChanged: [`out/${args.text}.txt`, 'b.txt'] };
  },
});

describe('redaction before the audit', () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
    delete process.env.TANDEM_TEST_TOKEN;
  });

  it('masks vendor tokens, environment values and config patterns in arguments, outputs and errors', async () => {
    const envToken = randomKey(28);
    process.env.TANDEM_TEST_TOKEN = envToken;
    const github = fake.githubToken();
    const aws = fake.awsAccessKeyId();
    const internal = `acme-${randomKey(10).toLowerCase()}`;
    session = await connect({
      tools: [...allTestTools, revealTool],
      configYaml: "redaction:\n  patterns: ['acme-[a-z0-9]{10}']\n",
    });
    const planted = [envToken, github, aws, internal];
    const all = planted.join(' ');

    const ok = await session.client.callTool({ name: 'reveal', arguments: { text: all } });
    // The caller gets its own data back untouched.
    expect((ok.structuredContent as { text: string }).text).toBe(all);
    const failed = await session.client.callTool({ name: 'reveal', arguments: { text: all, fail: true } });
    expect(failed.isError).toBe(true);
    // …but never the server's own secrets, not even quoted back in an error.
    expect(textOf(failed)).not.toContain(envToken);
    expect(textOf(failed)).toContain(github);
    await session.client.callTool({ name: 'echo', arguments: { message: `deploy ${aws}`, note: envToken } });

    const { raw, records } = await readAudit(session);
    expect(records.map((record) => [record.tool, record.outcome])).toEqual([
      ['reveal', 'ok'],
      ['reveal', 'error'],
      ['echo', 'ok'],
    ]);
    for (const secret of planted) expect(raw).not.toContain(secret);
    const masked = `${envToken.slice(0, 4)}**** ${github.slice(0, 4)}**** ${aws.slice(0, 4)}**** ****`;
    expect(records[0]?.args).toEqual({ text: masked });
    expect(records[0]?.files_changed).toEqual([`out/${masked}.txt`, 'b.txt']);
    expect(records[1]?.args).toEqual({ text: masked, fail: true });
    expect(records[1]?.error).toEqual({ type: 'ToolError', message: `Cannot use ${masked}.` });
    expect(records[2]?.args).toEqual({
      message: `deploy ${aws.slice(0, 4)}****`,
      note: `${envToken.slice(0, 4)}****`,
    });
  });

  it('clips long values without keeping half a secret, and leaves out arguments too large even clipped', async () => {
    session = await connect({ tools: [...allTestTools, revealTool] });
    const github = fake.githubToken();
    // The token straddles the 256-character cut: it is masked first, then the cut drops the partial mask.
    const long = `${'word '.repeat(50)}${github} ${'tail '.repeat(3000)}`;
    await session.client.callTool({ name: 'echo', arguments: { message: long } });
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, 'word '.repeat(60)]));
    await session.client.callTool({ name: 'whoami', arguments: wide });
    const { raw, records } = await readAudit(session);
    expect(raw).not.toContain(github);
    expect(raw).not.toContain(github.slice(4, 12));
    const message = (records[0]?.args as { message: string }).message;
    expect(message.endsWith(`…(${long.length} chars)`)).toBe(true);
    expect(message.length).toBeLessThanOrEqual(256 + 20);
    expect(records[1]?.args).toBeUndefined();
    expect(records[1]?.args_omitted).toMatch(/bytes after clipping, over 8192$/);
    expect(Object.keys(records[1]?.args_shape as object)).toHaveLength(40);
    for (const line of raw.trimEnd().split('\n')) expect(line.length).toBeLessThan(16 * 1024);
  });
});
