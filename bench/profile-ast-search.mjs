#!/usr/bin/env node
// Where a first ast_search and a dry-run ast_rewrite spend their time: runs the built engine
// (apps/coder/dist/engine) step by step the way tools/ast-search.ts and tools/ast-rewrite.ts do, and
// prints each step's wall time. For a CPU profile: `node --cpu-prof bench/profile-ast-search.mjs`.
// Usage: node bench/profile-ast-search.mjs [three|rxjs|gyp] [pattern] [rewrite]
// The corpora are those of the benchmarks (bench/corpora.mjs), fetched on first use.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyCorpus } from './corpora.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const coderDir = path.join(repo, 'apps', 'coder');
const dist = path.join(coderDir, 'dist');
const [corpusName = 'three', pattern = '$A.set($$$B)', rewrite = '$A.assign($$$B)'] = process.argv.slice(2);
const lang = { rxjs: 'typescript', gyp: 'python' }[corpusName] ?? 'javascript';

const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-profile-'));
copyCorpus(corpusName, path.join(root, corpusName));

const steps = [];
let mark = performance.now();
function step(name, extra = '') {
  const now = performance.now();
  steps.push([name, now - mark, extra]);
  mark = now;
}

const { LanguageRegistry } = await import(path.join(dist, 'engine/languages.js'));
const { TreeCache } = await import(path.join(dist, 'engine/tree-cache.js'));
const { compileQuery } = await import(path.join(dist, 'engine/query.js'));
const { walkFiles } = await import(path.join(dist, 'engine/files.js'));
const { targetsOf, scan } = await import(path.join(dist, 'engine/search.js'));
const { presentMatch } = await import(path.join(dist, 'engine/present.js'));
const { compileTemplate, renderTemplate } = await import(path.join(dist, 'engine/rewrite-template.js'));
const { applyEdits, unifiedDiff } = await import(path.join(dist, 'engine/edits.js'));
const { syntaxProblems } = await import(path.join(dist, 'engine/syntax-errors.js'));
step('import engine modules');

const registry = new LanguageRegistry({ root });
registry.list();
step('load napi + register dynamic languages');

const args = { pattern, language: lang };
const query = compileQuery(args, registry);
query.problemIn(query.pinned);
step('compile query (+ probe on an empty tree)');

const walked = await walkFiles({ root, paths: [corpusName] });
step('walk files', `${walked.files.length} files`);
const { targets } = targetsOf(root, walked.files, registry);
const applicable = targets.filter((t) => query.forLanguage(t.lang));
step('languages of files', `${applicable.length} targets`);

const trees = new TreeCache(registry);
let read = 0;
for (const target of applicable) {
  const loaded = trees.source(target.absolute);
  if ('source' in loaded && query.requiredWords.every((w) => loaded.source.text.includes(w))) read += 1;
}
step('read + decode every file (stat, readFileSync, strict UTF-8, hash)', `${read} pass the word prefilter`);

// parse: what scan() does after reading, without the match
const toParse = applicable
  .map((t) => ({ t, s: trees.source(t.absolute) }))
  .filter(({ s }) => 'source' in s && query.requiredWords.every((w) => s.source.text.includes(w)));
let next = 0;
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (next < toParse.length) {
      const { t, s } = toParse[next++];
      await trees.tree(s.source, t.lang);
    }
  }),
);
step('parseAsync (4 in flight)', `${toParse.length} files`);

const config = query.forLanguage(query.pinned);
let found = 0;
for (const { t, s } of toParse) found += (await trees.tree(s.source, t.lang)).root().findAll(config).length;
step('findAll on cached trees', `${found} matches`);

const result = await scan(applicable, query, trees);
step('scan() again, everything cached (= repeated search minus walk)', `${result.matches.length} matches`);

{
  const again = await walkFiles({ root, paths: [corpusName] });
  const { targets: retargeted } = targetsOf(root, again.files, registry);
  for (const target of retargeted) trees.source(target.absolute);
}
step('what-if: repeated search served from a result cache (walk + stat every file, no findAll)');

for (const { node, file } of result.matches.slice(0, 50)) presentMatch(node, query.metavariables, file.text);
step('present first page (50)');

// dry-run rewrite, as plan() and the handler do
const byFile = new Map();
for (const m of result.matches) byFile.set(m.target, [...(byFile.get(m.target) ?? []), m]);
let renderMs = 0;
let errorsBeforeMs = 0;
let reparseMs = 0;
let errorsAfterMs = 0;
let diffMs = 0;
let diffChars = 0;
for (const [target, matches] of byFile) {
  const loaded = trees.source(target.absolute);
  const source = loaded.source.file;
  let t = performance.now();
  const compiled = compileTemplate(rewrite, { transformNames: [], eol: source.eol });
  const edits = matches.map(({ node }) => {
    const { start, end } = node.range();
    return { start: start.index, end: end.index, text: renderTemplate(compiled, node, source.text) };
  });
  const { text } = applyEdits(source.text, edits);
  renderMs += performance.now() - t;
  t = performance.now();
  const tree = await trees.tree(loaded.source, target.lang);
  syntaxProblems(tree.root(), source.text);
  errorsBeforeMs += performance.now() - t;
  t = performance.now();
  const reparsed = registry.ast.parse(target.lang.napiName, text);
  reparseMs += performance.now() - t;
  t = performance.now();
  syntaxProblems(reparsed.root(), text);
  errorsAfterMs += performance.now() - t;
  t = performance.now();
  diffChars += unifiedDiff(target.relative, source.text, text).length;
  diffMs += performance.now() - t;
}
step('rewrite: all steps below', `${byFile.size} files`);
steps.push(['  render templates + apply edits', renderMs, '']);
steps.push(['  syntaxProblems before (cached tree)', errorsBeforeMs, '']);
steps.push(['  parse rewritten text (sync)', reparseMs, '']);
steps.push(['  syntaxProblems after', errorsAfterMs, '']);
steps.push(['  unifiedDiff (jsdiff structuredPatch)', diffMs, `${diffChars} chars`]);

// What-ifs for the dry run, measured on the same files: the re-parse on libuv's pool (4 in
// flight), ERROR and MISSING found in one traversal instead of two, and diffs only until the
// default 60,000-char budget of ast_rewrite is spent.
const rewritten = [];
for (const [target, matches] of byFile) {
  const loaded = trees.source(target.absolute);
  const compiled = compileTemplate(rewrite, { transformNames: [], eol: loaded.source.file.eol });
  const edits = matches.map(({ node }) => {
    const { start, end } = node.range();
    return { start: start.index, end: end.index, text: renderTemplate(compiled, node, loaded.source.text) };
  });
  rewritten.push({ target, before: loaded.source.text, after: applyEdits(loaded.source.text, edits).text });
}
mark = performance.now();
let cursor = 0;
const reparsedTrees = [];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (cursor < rewritten.length) {
      const item = rewritten[cursor++];
      reparsedTrees.push(await registry.ast.parseAsync(item.target.lang.napiName, item.after));
    }
  }),
);
step('what-if: parse rewritten text with parseAsync, 4 in flight');
const combined = { rule: { any: [{ kind: 'ERROR' }, { regex: '^$' }] } };
for (const tree of reparsedTrees) tree.root().findAll(combined);
step('what-if: ERROR + MISSING in one findAll (after trees)');
for (const tree of reparsedTrees) tree.root().findAll({ rule: { kind: 'ERROR' } });
step('  for scale: kind ERROR alone (after trees)');
let budget = 60_000;
for (const item of rewritten) {
  if (budget <= 0) break;
  budget -= unifiedDiff(item.target.relative, item.before, item.after).length;
}
step('what-if: unifiedDiff only until 60,000 chars are spent');

rmSync(root, { recursive: true, force: true });
console.log(`${corpusName}: pattern ${pattern}, rewrite ${rewrite}`);
for (const [name, ms, extra] of steps)
  console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}${extra ? ` (${extra})` : ''}`);
