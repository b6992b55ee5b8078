import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO } from './support/coder.js';

const CODE = 'def f(x):\n    return x + 1\n';

describe('cst and ast formats', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('cst prints anonymous tokens, quoted, with their positions', async () => {
    const cst = await dumpTree(session.client, { code: CODE, language: 'python', format: 'cst' });
    expect(cst.format).toBe('cst');
    expect(cst.tree).toMatch(/^ +"def" 1:1-1:4$/m);
    expect(cst.tree).toMatch(/^ +"\(" 1:6-1:7$/m);
    expect(cst.tree).toMatch(/^ +"return" 2:5-2:11$/m);
    expect(cst.tree).toMatch(/^ +"\+" 2:14-2:15$/m);
  });

  it('ast leaves anonymous tokens out and keeps the named nodes', async () => {
    const ast = await dumpTree(session.client, { code: CODE, language: 'python', format: 'ast' });
    expect(ast.tree).not.toMatch(/"def"/);
    expect(ast.tree).not.toMatch(/"return" /);
    expect(ast.tree).not.toMatch(/^ +"/m);
    expect(ast.tree).toMatch(/^ +function_definition 1:1-2:17$/m);
    expect(ast.tree).toMatch(/^ +return_statement 2:5-2:17$/m);
  });

  it('cst counts more nodes than ast for the same code', async () => {
    const cst = await dumpTree(session.client, { code: CODE, language: 'python', format: 'cst' });
    const ast = await dumpTree(session.client, { code: CODE, language: 'python', format: 'ast' });
    expect(cst.node_count).toBeGreaterThan(ast.node_count);
    expect(cst.node_count).toBe(cst.tree.split('\n').length);
  });
});
