import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CoderSession, connectCoder, dumpTree, SAMPLE_REPO } from './support/coder.js';

const FLAKE = `{
  description = "demo flake";
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
  outputs = { self, nixpkgs, ... }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.\${system});
    in {
      devShells = forAllSystems (pkgs: {
        default = pkgs.mkShell { packages = with pkgs; [ nodejs_22 shellcheck ]; };
      });
    };
}
`;

describe('Nix, compiled from tree-sitter-nix by the build', () => {
  let session: CoderSession;
  beforeAll(async () => {
    session = await connectCoder(SAMPLE_REPO);
  });
  afterAll(async () => {
    await session.close();
  });

  it('is listed as loaded, built from tree-sitter-nix, with `_` as its expando character', async () => {
    const result = await session.client.callTool({ name: 'list_languages', arguments: {} });
    const { languages } = result.structuredContent as { languages: Array<Record<string, unknown>> };
    expect(languages.find((lang) => lang.name === 'nix')).toMatchObject({
      extensions: ['nix'],
      source: expect.stringMatching(/^built from tree-sitter-nix@\d+\.\d+\.\d+$/),
      loaded: true,
      expando_char: '_',
    });
  });

  it('parses flake.nix-like code without errors', async () => {
    const dumped = await dumpTree(session.client, { code: FLAKE, language: 'nix' });
    expect(dumped.has_errors).toBe(false);
    expect(dumped.tree).toMatch(/^source_code 1:1-/);
    expect(dumped.tree).toMatch(/^ +function_expression /m);
    expect(dumped.tree).toMatch(/^ +let_expression /m);
  });

  it('picks Nix for a .nix file', async () => {
    const dumped = await dumpTree(session.client, { path: 'shell.nix' });
    expect(dumped.language).toBe('nix');
    expect(dumped.has_errors).toBe(false);
  });

  it('reads $A and $B in a Nix pattern as metavariables, through `_`', async () => {
    const dumped = await dumpTree(session.client, {
      code: '{ $A = $B; }',
      language: 'nix',
      format: 'pattern',
    });
    expect(dumped.has_errors).toBe(false);
    expect(dumped.metavariables).toEqual(['$A', '$B']);
    expect(dumped.tree).toMatch(/^ +MetaVar \$A 1:3-1:5$/m);
    expect(dumped.tree).not.toMatch(/_A/);
  });
});
