import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO, textOf } from './support/coder.js';

describe('pattern format', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('reads $A and $$$REST in a python pattern as metavariables', async () => {
    const dumped = await dumpTree(session.client, {
      code: 'print($A, $$$REST)',
      language: 'python',
      format: 'pattern',
    });
    expect(dumped.format).toBe('pattern');
    expect(dumped.metavariables).toEqual(['$A', '$$$REST']);
    expect(dumped.has_errors).toBe(false);
    expect(dumped.tree).toMatch(/^ +MetaVar \$A 1:7-1:9$/m);
    expect(dumped.tree).toMatch(/^ +MetaVar \$\$\$REST 1:11-1:18$/m);
    // The expando character python reads metavariables through never shows.
    expect(dumped.tree).not.toMatch(/µ/);
  });

  it('reads $MSG in a javascript pattern as a metavariable', async () => {
    const dumped = await dumpTree(session.client, {
      code: 'console.log($MSG)',
      language: 'javascript',
      format: 'pattern',
    });
    expect(dumped.metavariables).toEqual(['$MSG']);
    expect(dumped.tree).toMatch(/^ +MetaVar \$MSG 1:13-1:17$/m);
    expect(dumped.tree).toMatch(/^ +member_expression 1:1-1:12$/m);
  });

  it('reports no metavariables for a pattern without any', async () => {
    const dumped = await dumpTree(session.client, {
      code: 'console.log(1)',
      language: 'javascript',
      format: 'pattern',
    });
    expect(dumped.metavariables).toEqual([]);
    expect(dumped.tree).not.toMatch(/MetaVar/);
  });

  it('gives metavariables only in the pattern format', async () => {
    const dumped = await dumpTree(session.client, { code: 'console.log($MSG)', language: 'javascript' });
    expect(dumped.metavariables).toBeUndefined();
    expect(dumped.tree).not.toMatch(/MetaVar/);
  });

  it('refuses the pattern format with a path', async () => {
    const result = await session.client.callTool({
      name: 'dump_syntax_tree',
      arguments: { path: 'src/ledger.ts', format: 'pattern' },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The pattern format reads `code` as a pattern, not a file\./);
  });
});
