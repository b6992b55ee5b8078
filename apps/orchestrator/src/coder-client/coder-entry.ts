// Where the built coder lives: resolved through the workspace dependency, not a relative path guess.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function coderEntry(): string {
  const manifest = createRequire(import.meta.url).resolve('@tandem/coder/package.json');
  const entry = path.join(path.dirname(manifest), 'dist', 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`The coder is not built (${entry} is missing). Run \`npm run build\`.`);
  }
  return entry;
}
