// Recognises from a failed validation's output which step failed: the test runner, type checker,
// linter or formatter whose own words are in it, and the recipe line just reported as failing.
// Each tool is known by what it prints on failure; the LAST recognised failure wins, since a recipe
// stops at its first failing line and that line's tool prints last.
import type { FailingStep } from '@tandem/shared/schemas';

type Kind = FailingStep['kind'];

interface Signature {
  tool: string;
  kind: Kind;
  /** A line that says this tool failed. */
  failure: RegExp;
  /** Lines before it that say what failed (test names, error messages), kept for the summary. */
  detail?: RegExp;
}

const SIGNATURES: Signature[] = [
  // Test runners
  {
    tool: 'vitest',
    kind: 'test',
    failure: /^\s*(?:Test Files|Tests)\s+\d+ failed|⎯+ Failed Tests? \d+ ⎯+/,
    detail: /^\s*FAIL\s+\S|^\s*×\s|^\w*Error: /,
  },
  {
    tool: 'jest',
    kind: 'test',
    failure: /^Tests:\s+\d+ failed|^Test Suites:\s+\d+ failed/,
    detail: /^\s*●\s|^\s*FAIL\s/,
  },
  { tool: 'mocha', kind: 'test', failure: /^\s*\d+ failing\s*$/, detail: /^\s*\d+\) \S|^\s*\w*Error: / },
  {
    tool: 'pytest',
    kind: 'test',
    failure: /^=* ?\d+ (?:failed|errors?)\b.* in [\d.]+s\b|^(?:FAILED|ERROR) \S+::/,
    detail: /^(?:FAILED|ERROR) \S/,
  },
  {
    tool: 'unittest',
    kind: 'test',
    failure: /^FAILED \((?:failures|errors)=\d+/,
    detail: /^(?:FAIL|ERROR): |^\w*Error: /,
  },
  {
    tool: 'go test',
    kind: 'test',
    failure: /^--- FAIL: |^FAIL\s+\S+\s+[\d.]+s$|^FAIL$/,
    detail: /^\s*--- FAIL: |^\s+\S+_test\.go:\d+: /,
  },
  {
    tool: 'cargo test',
    kind: 'test',
    failure: /^test result: FAILED\.|^error: test failed, to rerun pass/,
    detail: /^\S+ --- FAILED$|^thread '.*' (?:\(\d+\) )?panicked at |^\s+(?:left|right): /,
  },
  { tool: 'node --test', kind: 'test', failure: /^# fail [1-9]/, detail: /^not ok \d+ / },
  // Type checkers
  { tool: 'tsc', kind: 'typecheck', failure: /\berror TS\d+:/, detail: /\berror TS\d+:/ },
  {
    tool: 'mypy',
    kind: 'typecheck',
    failure: /^Found \d+ errors? in \d+ files? \(checked/,
    detail: /^\S+:\d+: error: /,
  },
  {
    tool: 'pyright',
    kind: 'typecheck',
    failure: /^\d+ errors?, \d+ warnings?, \d+ informations?/,
    detail: /^\s+\S+:\d+:\d+ - error: /,
  },
  // Linters
  {
    tool: 'biome',
    kind: 'lint',
    failure: /× Some errors were emitted while running checks|^\S+:\d+:\d+ (?:lint|assist)\/\S+/,
    detail: /^\S+:\d+:\d+ (?:lint|assist|format)\/\S+|^\s+× /,
  },
  {
    tool: 'eslint',
    kind: 'lint',
    failure: /^✖ \d+ problems? \(\d+ errors?/,
    detail: /^\s+\d+:\d+\s+error\s/,
  },
  {
    tool: 'ruff',
    kind: 'lint',
    failure: /^Found \d+ errors?\.|^\S+:\d+:\d+: [A-Z]+\d+ /,
    detail: /^\S+:\d+:\d+: [A-Z]+\d+ |^[A-Z]+\d+ \S/,
  },
  {
    tool: 'shellcheck',
    kind: 'lint',
    failure: /^In \S+ line \d+:|\bSC\d{4} \(/,
    detail: /^In \S+ line \d+:|\bSC\d{4} \(/,
  },
  // Formatters
  {
    tool: 'biome',
    kind: 'format',
    failure: /^\S+ format ━|File content differs from formatting output/,
    detail: /^\S+ format ━/,
  },
  {
    tool: 'prettier',
    kind: 'format',
    failure: /^\[warn\] Code style issues (?:found|were found)|^\[error\] /,
    detail: /^\[warn\] \S|^\[error\] /,
  },
  { tool: 'nixfmt', kind: 'format', failure: /^nixfmt: |\bnot formatted\b.*\.nix/ },
  { tool: 'black', kind: 'format', failure: /^would reformat |^Oh no!/, detail: /^would reformat / },
  { tool: 'cargo fmt', kind: 'format', failure: /^Diff in \S+\.rs/, detail: /^Diff in / },
  // Builds
  {
    tool: 'cargo build',
    kind: 'build',
    failure: /^error(?:\[E\d+\])?: could not compile/,
    detail: /^error(?:\[E\d+\])?: /,
  },
  {
    tool: 'python',
    kind: 'build',
    failure: /^\s*(?:SyntaxError|IndentationError|TabError): /,
    detail: /^\s+File ".*", line \d+/,
  },
];

/** Commands that name the tool a failing recipe line ran, when its output did not. */
const COMMAND_TOOLS: { tool: string; kind: Kind; command: RegExp }[] = [
  { tool: 'vitest', kind: 'test', command: /\bvitest\b/ },
  { tool: 'jest', kind: 'test', command: /\bjest\b/ },
  { tool: 'mocha', kind: 'test', command: /\bmocha\b/ },
  { tool: 'pytest', kind: 'test', command: /\bpytest\b/ },
  { tool: 'unittest', kind: 'test', command: /\bunittest\b/ },
  { tool: 'go test', kind: 'test', command: /\bgo test\b/ },
  { tool: 'cargo test', kind: 'test', command: /\bcargo (?:test|nextest)\b/ },
  { tool: 'tsc', kind: 'typecheck', command: /\btsc\b/ },
  { tool: 'mypy', kind: 'typecheck', command: /\bmypy\b/ },
  { tool: 'biome', kind: 'lint', command: /\bbiome (?:check|lint|ci)\b/ },
  { tool: 'eslint', kind: 'lint', command: /\beslint\b/ },
  { tool: 'ruff', kind: 'lint', command: /\bruff check\b|\bruff\b(?! format)/ },
  { tool: 'shellcheck', kind: 'lint', command: /\bshellcheck\b/ },
  { tool: 'prettier', kind: 'format', command: /\bprettier\b/ },
  { tool: 'biome', kind: 'format', command: /\bbiome format\b/ },
  { tool: 'nixfmt', kind: 'format', command: /\bnixfmt\b/ },
  { tool: 'cargo build', kind: 'build', command: /\bcargo build\b/ },
  { tool: 'go build', kind: 'build', command: /\bgo build\b/ },
  { tool: 'py_compile', kind: 'build', command: /\bpy_compile\b/ },
  { tool: 'bash -n', kind: 'build', command: /\bbash -n\b/ },
];

/** `error: recipe `x` failed on line N with exit code C` (capitalised by older versions of just). */
const JUST_FAILURE = /^error: recipe `([^`]+)` failed (?:on line (\d+) )?with exit code (\d+)/i;

const SUMMARY_LINES = 12;
/** How far above the failure line its details are looked for: further up is likely another command's output. */
const DETAIL_WINDOW = 300;

/**
 * `output` is the recipe's combined output; `justfileLines` the justfile's text by line, to name the
 * command on the line just reports as failing.
 */
export function recogniseFailingStep(output: string, justfileLines: readonly string[] = []): FailingStep {
  const lines = output.split('\n');
  let just: { line: number | null; index: number } | undefined;
  for (let index = lines.length - 1; index >= 0; index -= 1) {
    const match = JUST_FAILURE.exec(lines[index] as string);
    if (match) {
      just = { line: match[2] ? Number(match[2]) : null, index };
      break;
    }
  }
  const end = just ? just.index : lines.length;
  const command = just?.line ? justfileLines[just.line - 1]?.trim() || null : null;

  let hit: { signature: Signature; index: number } | undefined;
  for (let index = end - 1; index >= 0 && !hit; index -= 1) {
    const line = lines[index] as string;
    const signature = SIGNATURES.find((candidate) => candidate.failure.test(line));
    if (signature) hit = { signature, index };
  }
  const recipe_line = just?.line ?? null;
  if (hit) {
    return {
      kind: hit.signature.kind,
      tool: hit.signature.tool,
      summary: summarise(lines, hit.index, end, hit.signature.detail),
      recipe_line,
      command,
    };
  }
  const byCommand = command ? COMMAND_TOOLS.find((candidate) => candidate.command.test(command)) : undefined;
  return {
    kind: byCommand?.kind ?? 'unknown',
    tool: byCommand?.tool ?? null,
    summary: summarise(lines, end - 1, end),
    recipe_line,
    command,
  };
}

/** Up to SUMMARY_LINES lines: the detail lines before the failure line (the last ones), then it. */
function summarise(lines: readonly string[], at: number, end: number, detail?: RegExp): string {
  const failure = (lines[at] ?? '').trim();
  if (detail) {
    const details: string[] = [];
    for (
      let index = at - 1;
      index >= Math.max(0, at - DETAIL_WINDOW) && details.length < SUMMARY_LINES - 1;
      index -= 1
    ) {
      const line = lines[index] as string;
      if (detail.test(line)) details.unshift(line.replace(/\s*━+\s*$/, '').trim());
    }
    const unique = [...new Set(details)].filter((line) => line !== failure);
    if (unique.length > 0) return [...unique, failure].join('\n');
  }
  const from = Math.max(0, at - 3);
  const to = Math.min(end, Math.max(at + SUMMARY_LINES - 3, from + 1));
  return lines
    .slice(from, to)
    .filter((line) => line.trim() !== '')
    .slice(0, SUMMARY_LINES)
    .join('\n');
}
