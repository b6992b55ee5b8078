// list_personas over stdio: the built-in personas with the hints found in the sample repo, a
// built-in overridden by the config and a persona the config adds; a bad personas section refused
// with its key.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '@tandem/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool } from './support/call.js';
import { copySampleRepo } from './support/context.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

const CONFIG = `personas:
  define:
    sre:
      title: On-call engineer
      context_hints: [scripts/deploy.sh]
    data_engineer:
      title: Data engineer
      focus: Transaction data files and their schema.
      when_to_use: Before changing data/transactions.json or how the report reads it.
      context_hints: [data/**, scripts/report.py]
      system_prompt: You review data formats. Cite paths.
`;

interface Summary {
  id: string;
  title: string;
  source: string;
  context_hints: string[];
  present_hints: Array<{ hint: string; files: string[]; file_count: number }>;
  system_prompt?: string;
}

describe('list_personas', () => {
  let workspace: { root: string; remove: () => void };
  let orchestrator: ConnectedOrchestrator;

  beforeAll(async () => {
    workspace = copySampleRepo('tandem-personas-');
    await mkdir(path.join(workspace.root, '.tandem'), { recursive: true });
    await writeFile(path.join(workspace.root, '.tandem', 'config.yaml'), CONFIG);
    orchestrator = await connectOrchestrator(workspace.root);
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.close();
    workspace?.remove();
  });

  it('lists the built-ins, the override and the added persona, with the hints found here', async () => {
    const reply = await callTool(orchestrator, 'list_personas', {});
    expect(reply.isError).toBe(false);
    const personas = (reply.structured as { personas: Summary[] }).personas;
    expect(personas.map((persona) => [persona.id, persona.source])).toEqual([
      ['architect', 'built_in'],
      ['platform_expert', 'built_in'],
      ['devops_mlops', 'built_in'],
      ['sre', 'override'],
      ['security', 'built_in'],
      ['data_engineer', 'config'],
    ]);
    const byId = new Map(personas.map((persona) => [persona.id, persona]));
    const platform = byId.get('platform_expert');
    expect(platform?.context_hints).toEqual(expect.arrayContaining(['flake.nix', 'devenv.nix', 'justfile']));
    expect(platform?.present_hints.flatMap((match) => match.files)).toEqual(
      expect.arrayContaining(['flake.nix', 'shell.nix', 'justfile']),
    );
    expect(platform?.present_hints.map((match) => match.hint)).not.toContain('devenv.nix');
    const sre = byId.get('sre');
    expect(sre?.title).toBe('On-call engineer');
    expect(sre?.context_hints).toEqual(['scripts/deploy.sh']);
    expect(sre?.present_hints).toEqual([
      { hint: 'scripts/deploy.sh', files: ['scripts/deploy.sh'], file_count: 1 },
    ]);
    expect(byId.get('data_engineer')?.present_hints.flatMap((match) => match.files)).toEqual(
      expect.arrayContaining(['data/transactions.json', 'scripts/report.py']),
    );
    expect(platform?.system_prompt).toBeUndefined();
    expect(reply.text).toContain('sre (override): On-call engineer.');
  });

  it('gives one persona with its system prompt, and refuses an unknown one listing the ids', async () => {
    const one = await callTool(orchestrator, 'list_personas', {
      id: 'data_engineer',
      include_system_prompt: true,
    });
    expect((one.structured as { personas: Summary[] }).personas).toHaveLength(1);
    expect((one.structured as { personas: Summary[] }).personas[0]?.system_prompt).toBe(
      'You review data formats. Cite paths.',
    );
    const unknown = await callTool(orchestrator, 'list_personas', { id: 'wizard' });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain('Unknown persona "wizard".');
    expect(unknown.text).toContain('architect, platform_expert, devops_mlops, sre, security, data_engineer');
  });
});

describe('a bad personas section', () => {
  const refusal = async (yaml: string) => {
    const workspace = copySampleRepo('tandem-personas-bad-');
    try {
      await mkdir(path.join(workspace.root, '.tandem'), { recursive: true });
      await writeFile(path.join(workspace.root, '.tandem', 'config.yaml'), yaml);
      return (() => {
        try {
          loadConfig(workspace.root);
          return '';
        } catch (error) {
          return String(error);
        }
      })();
    } finally {
      workspace.remove();
    }
  };

  it('is refused with the key: a new persona missing fields, a bad id, an unknown field, a hint outside the root', async () => {
    expect(await refusal('personas:\n  define:\n    data_engineer:\n      title: Data\n')).toMatch(
      /personas\.define\.data_engineer: "data_engineer" is not a built-in persona .* missing: focus, when_to_use, context_hints, system_prompt/,
    );
    expect(await refusal('personas:\n  define:\n    Data-Engineer:\n      title: Data\n')).toMatch(
      /personas\.define.*snake_case/,
    );
    expect(await refusal('personas:\n  define:\n    sre:\n      colour: red\n')).toMatch(
      /personas\.define\.sre.*colour/,
    );
    expect(await refusal('personas:\n  define:\n    sre:\n      context_hints: [../secrets]\n')).toMatch(
      /line 4: personas\.define\.sre\.context_hints\[0\]: may not leave the workspace root/,
    );
    expect(await refusal('personas:\n  budget_tokens: 10\n')).toMatch(/personas\.budget_tokens/);
  });
});
