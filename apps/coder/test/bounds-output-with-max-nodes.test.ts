import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO, textOf } from './support/coder.js';

describe('max_nodes', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('prints max_nodes nodes, then a final line saying how many more there are', async () => {
    const dumped = await dumpTree(session.client, { path: 'scripts/report.py', max_nodes: 10 });
    const lines = dumped.tree.split('\n');
    expect(dumped.truncated).toBe(true);
    expect(lines).toHaveLength(11);
    expect(dumped.node_count).toBeGreaterThan(10);
    const last = lines.at(-1) ?? '';
    const more = /^… (\d+) more nodes not shown: raise max_nodes/.exec(last);
    expect(more, last).not.toBeNull();
    expect(Number(more?.[1])).toBe(dumped.node_count - 10);
  });

  it('counts every node even when it prints few', async () => {
    const full = await dumpTree(session.client, { path: 'scripts/report.py', max_nodes: 5000 });
    const cut = await dumpTree(session.client, { path: 'scripts/report.py', max_nodes: 3 });
    expect(full.truncated).toBe(false);
    expect(full.tree).not.toMatch(/more nodes not shown/);
    expect(cut.node_count).toBe(full.node_count);
    expect(full.tree.split('\n').slice(0, 3)).toEqual(cut.tree.split('\n').slice(0, 3));
  });

  it('is not truncated when the tree fits exactly', async () => {
    const code = 'x = 1\n';
    const probe = await dumpTree(session.client, { code, language: 'python' });
    const exact = await dumpTree(session.client, { code, language: 'python', max_nodes: probe.node_count });
    expect(exact.truncated).toBe(false);
    expect(exact.tree.split('\n')).toHaveLength(probe.node_count);
  });

  it('refuses max_nodes outside 1..5000', async () => {
    for (const max_nodes of [0, 5001, 2.5]) {
      const result = await session.client.callTool({
        name: 'dump_syntax_tree',
        arguments: { code: 'x = 1', language: 'python', max_nodes },
      });
      expect(result.isError, String(max_nodes)).toBe(true);
      expect(textOf(result)).toMatch(/^Invalid arguments for dump_syntax_tree: max_nodes: /);
    }
  });
});
