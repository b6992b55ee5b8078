#!/usr/bin/env node
// Committed entry so package managers can link the bin before the build has run.
await import('../dist/cli/tandem.js');
