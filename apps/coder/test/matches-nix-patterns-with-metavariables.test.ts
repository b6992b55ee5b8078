// napi compiles patterns itself, rewriting `$` to the language's expando character; this proves it
// does so for Nix, a language registered at run time, so patterns go to napi as the user wrote them.
import { describe, expect, it } from 'vitest';
import { LanguageRegistry } from '../src/engine/languages.js';
import { toPatternSource } from '../src/engine/syntax-tree.js';

const FLAKE = `{
  description = "demo";
  outputs = { self, nixpkgs }: {
    hello = nixpkgs.legacyPackages.x86_64-linux.hello;
    numbers = builtins.map (x: x + 1) [ 1 2 3 ];
  };
}
`;

describe('Nix patterns through napi', () => {
  const registry = new LanguageRegistry();
  const nix = registry.byName('nix');
  const root = registry.ast.parse(nix.napiName, FLAKE).root();

  it('matches a function application `$F $X` and captures both sides', () => {
    const matches = root.findAll('builtins.map $F $L');
    expect(matches).toHaveLength(1);
    expect(matches[0]?.getMatch('F')?.text()).toBe('(x: x + 1)');
    expect(matches[0]?.getMatch('L')?.text()).toBe('[ 1 2 3 ]');
  });

  it('matches attribute sets `{ $A = $B; }`, capturing the binding', () => {
    const matches = root.findAll('{ $A = $B; }');
    expect(matches.map((m) => m.getMatch('A')?.text())).toEqual(['description', 'hello']);
    expect(matches[0]?.getMatch('B')?.text()).toBe('"demo"');
  });

  it('matches a binding by its value: `$NAME = builtins.map $F $L;` inside its set', () => {
    const matches = root.findAll({
      rule: { pattern: { context: '{ $NAME = builtins.map $F $L; }', selector: 'binding' } },
    });
    expect(matches.map((m) => m.getMatch('NAME')?.text())).toEqual(['numbers']);
  });

  it('matches inside a rule as well', () => {
    const matches = root.findAll({ rule: { pattern: '$F $X', inside: { kind: 'binding', stopBy: 'end' } } });
    expect(matches.map((m) => m.text())).toContain('builtins.map (x: x + 1) [ 1 2 3 ]');
  });

  it('shows the pattern text napi parses: every `$` becomes `_`', () => {
    expect(toPatternSource('{ $A = $$$B; }', nix)).toBe('{ _A = ___B; }');
  });
});
