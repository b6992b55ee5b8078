import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRootOf } from '@tandem/shared';

export const CODER_VERSION: string = (
  JSON.parse(readFileSync(path.join(packageRootOf(import.meta.url), 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
