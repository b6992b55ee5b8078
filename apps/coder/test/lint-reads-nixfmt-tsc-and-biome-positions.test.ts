// Unit tests of the report readers. nixfmt is not installable here, so its reader is checked on
// output in the format its source prints: "<file>: not formatted" and megaparsec's error bundle.
import { describe, expect, it } from 'vitest';
import { parseNixfmtReport } from '../src/linters/nixfmt.js';
import { lineIndex } from '../src/linters/positions.js';
import { parseTscOutput } from '../src/linters/tsc.js';

describe('reading linter reports', () => {
  it('reads nixfmt --check: unformatted files and parse errors', () => {
    const stderr = [
      './nix/broken.nix:2:3:',
      '  |',
      '2 |   = 1;',
      '  |   ^',
      "unexpected '='",
      'expecting identifier',
      './flake.nix: not formatted',
      '',
    ].join('\n');
    expect(parseNixfmtReport('/project', stderr)).toEqual([
      {
        file: 'nix/broken.nix',
        line: 2,
        column: 3,
        rule: 'parse-error',
        severity: 'error',
        message: "unexpected '='\nexpecting identifier",
        linter: 'nixfmt',
        fix_available: false,
      },
      expect.objectContaining({ file: 'flake.nix', line: 1, rule: 'not-formatted', fix_available: true }),
    ]);
  });

  it('reads tsc --pretty false, with continued messages and program-wide errors', () => {
    const output = [
      "src/a.ts(3,7): error TS2322: Type '{ a: string; }' is not assignable to type 'Shape'.",
      "  Types of property 'a' are incompatible.",
      "    Type 'string' is not assignable to type 'number'.",
      "error TS5083: Cannot read file '/p/base.json'.",
      '',
    ].join('\n');
    expect(parseTscOutput(output)).toEqual([
      {
        file: 'src/a.ts',
        line: 3,
        column: 7,
        severity: 'error',
        code: 'TS2322',
        message:
          "Type '{ a: string; }' is not assignable to type 'Shape'.\nTypes of property 'a' are incompatible.\nType 'string' is not assignable to type 'number'.",
      },
      {
        file: undefined,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'TS5083',
        message: "Cannot read file '/p/base.json'.",
      },
    ]);
  });

  it('turns UTF-8 byte offsets into 1-based lines and character columns', () => {
    const index = lineIndex('a\n€x\n𝒳y');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(2)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 2, column: 2 }); // after the 3-byte €
    expect(index.position(11)).toEqual({ line: 3, column: 3 }); // after the 4-byte 𝒳, two UTF-16 units
  });
});
