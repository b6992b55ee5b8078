#!/usr/bin/env node
// Writes docs/reference/tools.md from what MCP clients actually see: the tools/list of both BUILT
// servers, asked over stdio through the SDK's Client. Reading tools/list rather than the zod schemas
// keeps names, descriptions, annotations and permission classes exactly as the seam publishes them.
// The servers run on an empty temporary root whose config makes the local user a maintainer, so no
// tool is withheld by role and nothing from this checkout's config leaks into the page.
//
//   node scripts/gen-tool-reference.mjs           rewrite docs/reference/tools.md (npm run docs)
//   node scripts/gen-tool-reference.mjs --stdout  print it instead (the drift test compares that)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_PATH = path.join(repo, 'docs', 'reference', 'tools.md');

const SERVERS = [
  { name: 'orchestrator', title: 'tandem-orchestrator', main: 'apps/orchestrator/dist/main.js' },
  { name: 'coder', title: 'tandem-coder', main: 'apps/coder/dist/main.js' },
];
const PERMISSION_META_KEY = 'tandem/permission';
const WITHHELD_META_KEY = 'tandem/withheld_tools';

async function listTools(server, root) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(repo, server.main), '--root', root],
    env: { ...process.env, TANDEM_LOG_LEVEL: 'error' },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'tandem-tool-reference', version: '0.0.0' });
  await client.connect(transport);
  try {
    const tools = [];
    let cursor;
    do {
      const page = await client.listTools(cursor ? { cursor } : {});
      if (page._meta?.[WITHHELD_META_KEY]) {
        throw new Error(
          `${server.title} withheld tools from the maintainer role: the reference would be incomplete.`,
        );
      }
      tools.push(...page.tools);
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  } finally {
    await client.close();
  }
}

const cell = (text) =>
  String(text ?? '')
    .replaceAll('|', '\\|')
    .replace(/\s*\n\s*/g, ' ');
const code = (value) => `\`${String(value).replaceAll('`', "'")}\``;

const SAFE_INT = 9007199254740991;
// zod writes the safe-integer range on every int; it says nothing, so it is left out.
function range(min, max, unit = '') {
  const shown = (v) => (v === undefined || Math.abs(v) === SAFE_INT ? undefined : v);
  const [lo, hi] = [shown(min), shown(max)];
  if (lo === undefined && hi === undefined) return '';
  if (lo !== undefined && hi !== undefined) return ` ${lo}–${hi}${unit}`;
  return lo !== undefined ? ` ≥ ${lo}${unit}` : ` ≤ ${hi}${unit}`;
}

/** A JSON Schema as a short type: `string ≤ 500 chars`, `integer 1–50`, `"a" | "b"`, `array of string ≤ 100 items`. */
export function typeOf(schema, nested = false) {
  if (!schema || typeof schema !== 'object') return 'any';
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(union)) return [...new Set(union.map((variant) => typeOf(variant, nested)))].join(' | ');
  switch (schema.type) {
    case 'array': {
      // Bounds of the items would read ambiguously next to those of the array: only the array's.
      const item = typeOf(schema.items, true);
      const items = range(schema.minItems, schema.maxItems, ' items');
      return `array of ${item.includes(' | ') ? `(${item})` : item}${nested ? '' : items}`;
    }
    case 'object':
      return 'object';
    case 'string':
      return nested ? 'string' : `string${range(schema.minLength, schema.maxLength, ' chars')}`;
    case 'integer':
    case 'number':
      return `${schema.type}${nested ? '' : range(schema.minimum, schema.maximum)}`;
    case undefined:
      return 'any';
    default:
      return String(schema.type);
  }
}

function fieldsTable(schema, withDefault) {
  const properties = Object.entries(schema?.properties ?? {});
  if (properties.length === 0) return ['(none)'];
  const required = new Set(schema.required ?? []);
  const header = withDefault
    ? ['| name | type | required | default | description |', '|---|---|---|---|---|']
    : ['| field | type | always | description |', '|---|---|---|---|'];
  const rows = properties.map(([name, property]) => {
    const columns = [code(name), cell(typeOf(property)), required.has(name) ? 'yes' : 'no'];
    if (withDefault)
      columns.push(property.default === undefined ? '' : code(JSON.stringify(property.default)));
    columns.push(cell(property.description));
    return `| ${columns.join(' | ')} |`;
  });
  return [...header, ...rows];
}

function outputSection(schema) {
  // A union at the top level: list each variant's fields in turn.
  const variants = schema?.anyOf ?? schema?.oneOf;
  if (Array.isArray(variants)) {
    return variants.flatMap((variant, index) => [
      `One of these shapes — shape ${index + 1}:`,
      '',
      ...fieldsTable(variant, false),
      '',
    ]);
  }
  return [...fieldsTable(schema, false), ''];
}

function annotationsLine(annotations) {
  const hints = Object.entries(annotations ?? {})
    .filter(([key]) => key !== 'title')
    .map(([key, value]) => `${key}: ${value}`);
  return hints.length > 0 ? hints.map(code).join(', ') : '(none)';
}

function renderTool(tool) {
  return [
    `### \`${tool.name}\``,
    '',
    tool.title ? `**${tool.title}.** ${tool.description ?? ''}` : (tool.description ?? ''),
    '',
    `- Permission class: ${code(tool._meta?.[PERMISSION_META_KEY] ?? 'unknown')}`,
    `- Annotations: ${annotationsLine(tool.annotations)}`,
    '',
    '**Arguments**',
    '',
    ...fieldsTable(tool.inputSchema, true),
    '',
    '**Output** (`structuredContent`, top-level fields)',
    '',
    ...outputSection(tool.outputSchema),
  ];
}

export function renderReference(listings) {
  const lines = [
    '# Tool reference',
    '',
    '<!-- Generated by scripts/gen-tool-reference.mjs from the tools/list of both built servers. Do not edit:',
    '     run `npm run docs` after changing a tool; a test fails while this file differs from the code. -->',
    '',
    'Every tool of both servers as an MCP client sees it in `tools/list` (as the `maintainer` role, which',
    'sees them all). The guide with examples is [../tools.md](../tools.md); roles and permission classes',
    'are in [../configuration.md](../configuration.md).',
    '',
  ];
  for (const { server, tools } of listings) {
    lines.push(
      `## ${server.title}`,
      '',
      tools.map((tool) => `[\`${tool.name}\`](#${tool.name})`).join(' · '),
      '',
    );
    for (const tool of tools) lines.push(...renderTool(tool));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The reference as the built servers describe themselves now. */
export async function generateToolReference() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-tool-reference-'));
  try {
    mkdirSync(path.join(root, '.tandem'));
    writeFileSync(path.join(root, '.tandem', 'config.yaml'), 'identity:\n  role: maintainer\n');
    const listings = [];
    for (const server of SERVERS) listings.push({ server, tools: await listTools(server, root) });
    return renderReference(listings);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const markdown = await generateToolReference();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(markdown);
  } else {
    mkdirSync(path.dirname(REFERENCE_PATH), { recursive: true });
    writeFileSync(REFERENCE_PATH, markdown);
    console.error(`wrote ${path.relative(repo, REFERENCE_PATH)}`);
  }
}
