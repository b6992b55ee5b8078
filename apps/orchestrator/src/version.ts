import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRootOf } from '@tandem/shared';

const require = createRequire(import.meta.url);

export const ORCHESTRATOR_VERSION: string = (
  JSON.parse(readFileSync(path.join(packageRootOf(import.meta.url), 'package.json'), 'utf8')) as {
    version: string;
  }
).version;

/** The SDK's exports hide its package.json, so walk up from its entry to find it. */
function sdkVersion(): string {
  let dir = path.dirname(require.resolve('@modelcontextprotocol/sdk/server/index.js'));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === '@modelcontextprotocol/sdk' && manifest.version) return manifest.version;
    } catch {
      // no package.json at this level
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

export const MCP_SDK_VERSION = sdkVersion();
