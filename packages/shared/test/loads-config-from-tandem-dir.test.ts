import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config.js';
import { CONFIG_SECTIONS, tandemConfig } from '../src/config/schema.js';
import type { Logger } from '../src/log/logger.js';
import { makeTempDir } from './support/temp-dir.js';

function recordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    error: (m) => lines.push(`error ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    info: (m) => lines.push(`info ${m}`),
    debug: (m) => lines.push(`debug ${m}`),
    child: () => logger,
  };
  return logger;
}

describe('loadConfig', () => {
  let temp: { dir: string; remove: () => Promise<void> };
  const write = async (text: string) => {
    await mkdir(path.join(temp.dir, '.tandem'), { recursive: true });
    await writeFile(path.join(temp.dir, '.tandem', 'config.yaml'), text);
  };
  beforeEach(async () => {
    temp = await makeTempDir();
  });
  afterEach(async () => {
    await temp.remove();
  });

  it('gives the defaults when there is no config file', () => {
    expect(loadConfig(temp.dir)).toMatchObject({
      file: path.join(temp.dir, '.tandem', 'config.yaml'),
      found: false,
      config: tandemConfig.parse({}),
      warnings: [],
    });
  });

  it('gives the defaults for an empty file or one with only comments', async () => {
    await write('# nothing configured yet\n');
    expect(loadConfig(temp.dir)).toMatchObject({ found: true, config: { languages: [] }, warnings: [] });
  });

  it('reads languages, normalizing extensions and keeping optional fields optional', async () => {
    await write(
      [
        'languages:',
        '  - name: mynix',
        '    library_path: /nix/store/abc-tree-sitter-nix/parser',
        '    extensions: [.Nix, nixx]',
        '    expando_char: _',
        '  - name: cobol',
        '    library_path: grammars/cobol.so',
        '    extensions: [cob]',
        '    language_symbol: tree_sitter_COBOL',
        '    meta_var_char: "#"',
      ].join('\n'),
    );
    expect(loadConfig(temp.dir).config.languages).toEqual([
      {
        name: 'mynix',
        library_path: '/nix/store/abc-tree-sitter-nix/parser',
        extensions: ['nix', 'nixx'],
        expando_char: '_',
      },
      {
        name: 'cobol',
        library_path: 'grammars/cobol.so',
        extensions: ['cob'],
        language_symbol: 'tree_sitter_COBOL',
        meta_var_char: '#',
      },
    ]);
  });

  it('warns about unknown top-level sections, through the logger too, and loads the known ones', async () => {
    await write('languages: []\nfuture_section:\n  lead: {}\n');
    const lines: string[] = [];
    const loaded = loadConfig(temp.dir, { logger: recordingLogger(lines) });
    expect(loaded.config).toEqual(tandemConfig.parse({}));
    expect(loaded.warnings).toEqual([
      `${loaded.file}: line 2: unknown section "future_section" ignored (known: ${Object.keys(CONFIG_SECTIONS).join(', ')})`,
    ]);
    expect(lines).toEqual([`warn ${loaded.warnings[0]}`]);
  });
});
