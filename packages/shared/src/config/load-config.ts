// The one config loader: reads `<root>/.tandem/config.yaml` (committed by the user) into a validated
// TandemConfig. A missing file means defaults. Broken YAML and values of the wrong shape are a
// ConfigError naming the file, the line and the key.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import type { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { stateDir } from '../seam/create-tool-server.js';
import { ToolError } from '../seam/tool-error.js';
import { CONFIG_SECTIONS, type TandemConfig, tandemConfig } from './schema.js';

/** Where the config lives, relative to the workspace root. */
export const CONFIG_FILE = '.tandem/config.yaml';

type YamlModule = typeof import('yaml');

const MAX_ISSUES_SHOWN = 5;

const warnedAlready = new Set<string>();

export interface LoadedConfig {
  /** Absolute path of the config file, whether or not it exists. */
  file: string;
  found: boolean;
  config: TandemConfig;
  /** Problems that did not stop the load, already logged when a logger was given. */
  warnings: string[];
}

export class ConfigError extends ToolError {
  readonly file: string;
  /** 1-based line of the first problem, when known. */
  readonly line: number | undefined;
  /** Key path of the first problem, e.g. `languages[0].extensions`, when known. */
  readonly key: string | undefined;

  constructor(file: string, problems: string[], where: { line?: number; key?: string } = {}) {
    const shown = problems.slice(0, MAX_ISSUES_SHOWN);
    const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
    super(`Invalid config ${file}: ${shown.join('; ')}${more}.`, {
      hint: `Fix ${CONFIG_FILE} (or remove it to use the defaults) and restart the server.`,
    });
    this.name = 'ConfigError';
    this.file = file;
    this.line = where.line;
    this.key = where.key;
  }
}

function keyPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** The node `segments` lead to; for a mapping key, the key itself (its line is where a reader looks). */
function nodeAt(yaml: YamlModule, doc: Document, segments: ReadonlyArray<PropertyKey>): Node | undefined {
  let node: unknown = doc.contents;
  for (const [index, segment] of segments.entries()) {
    if (yaml.isMap(node)) {
      const pair = node.items.find(
        (item) => (yaml.isScalar(item.key) ? item.key.value : item.key) === segment,
      );
      if (!pair) return undefined;
      node = index === segments.length - 1 ? pair.key : pair.value;
    } else if (yaml.isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return yaml.isNode(node) ? node : undefined;
}

/** The line of the deepest node on `segments` that exists in the document. */
function lineOf(
  yaml: YamlModule,
  doc: Document,
  counter: LineCounter,
  segments: ReadonlyArray<PropertyKey>,
): number | undefined {
  for (let depth = segments.length; depth >= 0; depth -= 1) {
    const offset = nodeAt(yaml, doc, segments.slice(0, depth))?.range?.[0];
    if (offset !== undefined) return counter.linePos(offset).line;
  }
  return undefined;
}

/** The key path, the path to look its line up by, and a message without zod's generic prefix. */
function describeIssue(issue: z.core.$ZodIssue): { key: string; at: PropertyKey[]; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((key) => `"${key}"`).join(', ');
    const at = [...issue.path, ...issue.keys.slice(0, 1)];
    return { key: keyPath(at), at, message: `unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}` };
  }
  if (issue.code === 'invalid_key') {
    // zod says only "Invalid key in record"; the key's own issue says what a key must look like.
    const inner = issue.issues[0]?.message;
    return { key: keyPath(issue.path), at: issue.path, message: `bad key: ${inner ?? issue.message}` };
  }
  const message = / received undefined$/.test(issue.message)
    ? 'is required'
    : issue.message.replace(/^Invalid input: /, '');
  return { key: keyPath(issue.path), at: issue.path, message };
}

/**
 * Reads and validates the workspace's config. Throws ConfigError when the file exists but cannot be
 * used; a missing file gives the defaults.
 *
 * Unknown top-level keys are warnings, not errors: a config written for a newer Tandem (with sections
 * this version does not know) still loads. Inside a known section every key is checked strictly,
 * since there an unknown key is almost always a typo that would silently change nothing.
 */
export function loadConfig(root: string, options: { logger?: Logger } = {}): LoadedConfig {
  const file = path.join(stateDir(root), 'config.yaml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { file, found: false, config: tandemConfig.parse({}), warnings: [] };
    throw new ConfigError(file, [`cannot read it (${code ?? (error as Error).message})`]);
  }

  // Loaded only when there is a file to read: importing yaml costs ~40 ms of every server's start.
  const yaml = createRequire(import.meta.url)('yaml') as YamlModule;
  const counter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: counter });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const line = error.linePos?.[0].line;
      // The pretty message appends the position and a source excerpt; the position is said once, first.
      const message = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code;
      return `${line === undefined ? '' : `line ${line}: `}YAML syntax error: ${message}`;
    });
    throw new ConfigError(file, problems, { line: doc.errors[0]?.linePos?.[0].line });
  }

  const raw: unknown = doc.toJS() ?? {};
  if (!yaml.isMap(doc.contents) && doc.contents !== null) {
    throw new ConfigError(file, ['the top level must be a mapping of sections (e.g. `languages:`)'], {
      line: lineOf(yaml, doc, counter, []),
    });
  }

  const known = new Set(Object.keys(CONFIG_SECTIONS));
  const warnings = Object.keys(raw as Record<string, unknown>)
    .filter((key) => !known.has(key))
    .map(
      (key) =>
        `${file}: line ${lineOf(yaml, doc, counter, [key]) ?? '?'}: unknown section "${key}" ignored ` +
        `(known: ${[...known].join(', ')})`,
    );
  // Several parts of a server read the config; each warning is logged once per process.
  for (const warning of options.logger ? warnings : []) {
    if (warnedAlready.has(warning)) continue;
    warnedAlready.add(warning);
    options.logger?.warn(warning);
  }

  const parsed = tandemConfig.safeParse(raw);
  if (!parsed.success) {
    const described = parsed.error.issues.map((issue) => {
      const { key, at, message } = describeIssue(issue);
      return { key, message, line: lineOf(yaml, doc, counter, at) };
    });
    const problems = described.map(
      ({ key, message, line }) =>
        `${line === undefined ? '' : `line ${line}: `}${key || '(top level)'}: ${message}`,
    );
    throw new ConfigError(file, problems, { line: described[0]?.line, key: described[0]?.key });
  }
  return { file, found: true, config: parsed.data, warnings };
}
