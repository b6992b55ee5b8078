#!/usr/bin/env node
// Compiles the tree-sitter grammars that need the machine's C compiler (Nix, and any packaged grammar
// without a parser for this platform) into apps/coder/grammars/. Part of the coder's build, after tsc,
// whose output it runs. A grammar that cannot be built is recorded with the reason and the build goes
// on: the server then reports that language unavailable.
import { buildGrammars } from '../dist/grammars/build-grammars.js';

const started = performance.now();
const results = await buildGrammars({ log: (line) => process.stderr.write(`build-grammars: ${line}\n`) });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const failed = results.filter((result) => !result.record.ok).length;
process.stderr.write(`build-grammars: ${results.length} grammar(s), ${failed} unavailable, ${seconds} s\n`);
