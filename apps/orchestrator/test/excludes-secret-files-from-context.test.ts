// Repomix's secret check stays on: a file holding an AWS key is left out of the pack and listed with
// its finding, and the key appears nowhere in what the tools return.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copySampleRepo, getContext, readContext } from './support/context.js';
import { fakeAws } from './support/fake-secrets.js';
import { type ConnectedOrchestrator, connectOrchestrator } from './support/orchestrator.js';

let orchestrator: ConnectedOrchestrator;
let workspace: ReturnType<typeof copySampleRepo>;
const keyId = fakeAws.accessKeyId();
const secretKey = fakeAws.secretAccessKey();

beforeAll(async () => {
  workspace = copySampleRepo();
  mkdirSync(path.join(workspace.root, 'config'), { recursive: true });
  writeFileSync(
    path.join(workspace.root, 'config', 'deploy.ts'),
    `export const aws = {\n  accessKeyId: '${keyId}',\n  secretAccessKey: '${secretKey}',\n};\n`,
  );
  orchestrator = await connectOrchestrator(workspace.root);
}, 60_000);

afterAll(async () => {
  await orchestrator?.close();
  workspace?.remove();
});

it('leaves the file with the key out, lists it, and never returns the key', async () => {
  const result = await getContext(orchestrator.client);
  expect(result.isError).toBe(false);
  const { structured } = result;
  expect(structured.suspicious_files).toEqual([
    { path: 'config/deploy.ts', findings: expect.arrayContaining([expect.stringMatching(/AWS/i)]) },
  ]);
  expect(structured.content).not.toContain('<file path="config/deploy.ts">');
  expect(structured.content).toContain('<file path="src/');
  expect(result.text).toContain('excluded by the secret check: config/deploy.ts');
  for (const leaked of [keyId, secretKey]) {
    expect(JSON.stringify(structured)).not.toContain(leaked);
    expect(result.text).not.toContain(leaked);
  }

  // The kept pack does not hold it either.
  const grep = await readContext(orchestrator.client, {
    output_id: structured.output_id,
    grep: keyId.slice(0, 12),
  });
  expect(grep.structured.total_matches).toBe(0);
});

it('keeps excluding it when the budget forces degradation', async () => {
  const { structured } = await getContext(orchestrator.client, { token_budget: 2000 });
  expect(structured.step).toBe('omit_files');
  expect(structured.suspicious_files.map((file) => file.path)).toEqual(['config/deploy.ts']);
  expect(structured.omitted_files.map((file) => file.path)).not.toContain('config/deploy.ts');
  expect(JSON.stringify(structured)).not.toContain(keyId);
});
