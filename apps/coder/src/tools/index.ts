// The coder's tools, in the order clients list them.
import { astRewrite } from './ast-rewrite.js';
import { astSearch } from './ast-search.js';
import { dumpSyntaxTree } from './dump-syntax-tree.js';
import { lint } from './lint.js';
import { listLanguages } from './list-languages.js';
import { scanSecrets } from './scan-secrets.js';
import { testRule } from './test-rule.js';
import { validateSyntax } from './validate-syntax.js';

export const coderTools = [
  listLanguages,
  dumpSyntaxTree,
  testRule,
  astSearch,
  astRewrite,
  validateSyntax,
  lint,
  scanSecrets,
];
